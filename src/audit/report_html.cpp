#include "audit/report_html.h"

#include <algorithm>
#include <cstdio>

#include "audit/svg_chart.h"

namespace escalint {

namespace {

constexpr std::size_t kGroupsCharted = 8;   // series in the by-group chart
constexpr std::size_t kGroupsTabled = 100;  // rows in the by-group table

constexpr const char* kCss = R"css(
:root{--fg:#1d2430;--muted:#5b6472;--bg:#f6f7f9;--card:#fff;--line:#dde1e7;--track:#edf0f4;--accent:#c2410c;
--ok:#15803d;--warn:#b45309;--s0:#0072b2;--s1:#e69f00;--s2:#009e73;--s3:#cc79a7;--s4:#56b4e9;--s5:#d55e00;--s6:#6b7280;--s7:#b8a200}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a3abb8;--bg:#11151c;--card:#1a2029;--line:#2d3642;--track:#262e3a;--accent:#fb923c}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1240px;margin:0 auto;padding:0 20px}
header{padding-top:20px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:0 0 4px}
p.sub,p.note{color:var(--muted);margin:0 0 12px;font-size:.9rem}
.banner{border-left:6px solid var(--warn);background:var(--card);padding:10px 14px;margin:12px 0;border-radius:6px}
.banner.ok{border-color:var(--ok)}
dl.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
dl.totals div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
dl.totals dt{color:var(--muted);font-size:.85rem}
dl.totals dd{margin:0;font-size:1.6rem;font-weight:650;font-variant-numeric:tabular-nums}
dl.totals .bad dd{color:var(--accent)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,540px),1fr));gap:16px;margin:16px 0}
section.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;min-width:0}
section.wide{grid-column:1/-1}
svg.chart{display:block;width:100%;height:auto;max-width:560px;overflow:visible}
svg.chart.w640{max-width:800px}
svg.chart text{fill:var(--fg);font-size:14px}
svg.chart text.value,svg.chart text.axis{fill:var(--muted);font-variant-numeric:tabular-nums}
svg.chart text.small,svg.chart text.axis{font-size:12px}
svg.chart .track{fill:var(--track)}
svg.chart .bar,svg.chart .column{fill:var(--accent)}
svg.chart .gridline{stroke:var(--line);stroke-width:1}
svg.chart .line{fill:none;stroke-width:2.5}
.s0{fill:var(--s0)!important;stroke:var(--s0)}.s1{fill:var(--s1)!important;stroke:var(--s1)}.s2{fill:var(--s2)!important;stroke:var(--s2)}
.s3{fill:var(--s3)!important;stroke:var(--s3)}.s4{fill:var(--s4)!important;stroke:var(--s4)}.s5{fill:var(--s5)!important;stroke:var(--s5)}
.s6{fill:var(--s6)!important;stroke:var(--s6)}.s7{fill:var(--s7)!important;stroke:var(--s7)}
svg.chart polyline.line{fill:none!important}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right}
td.subject{min-width:14em}
td code{font-size:.85em;white-space:nowrap}
.tag{display:inline-block;background:var(--track);border-radius:4px;padding:0 6px;margin:1px 2px;font-size:.8rem;white-space:nowrap}
footer{color:var(--muted);font-size:.85rem;padding-bottom:24px}
@media (max-width:600px){body{font-size:15px}header,main,footer{padding:0 10px}header{padding-top:12px}
dl.totals{grid-template-columns:repeat(2,1fr)}dl.totals dd{font-size:1.3rem}section.card{padding:10px}
svg.chart text{font-size:18px}svg.chart text.small,svg.chart text.axis{font-size:14px}svg.chart .rid{display:none}}
@media print{body{background:#fff}section.card{break-inside:avoid}}
)css";

double share(const RuleCount* rc) {
  if (!rc || rc->checked == 0) return -1;
  return static_cast<double>(rc->drafts) / static_cast<double>(rc->checked);
}

const RuleCount* rule_in(const Bucket& b, const std::string& id) {
  const auto it = b.rules.find(id);
  return it == b.rules.end() ? nullptr : &it->second;
}

std::string note_of(const RuleCount* rc) {
  if (!rc || rc->checked == 0) return "did not run";
  return thousands(rc->drafts) + " of " + thousands(rc->checked) + " drafts";
}

std::string mean_score(const Bucket& b) {
  if (b.scored == 0) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f",
                static_cast<double>(b.score_sum) / static_cast<double>(b.scored));
  return buf;
}

std::string percent_text(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

// Series for grouped charts: one per bucket, one value per rule.
Series series_of(const std::string& name, const Bucket& b, const std::vector<RuleInfo>& rules) {
  Series s{name + " (" + thousands(b.drafts) + ")", {}, {}};
  for (const RuleInfo& r : rules) {
    s.values.push_back(share(rule_in(b, r.id)));
    s.notes.push_back(note_of(rule_in(b, r.id)));
  }
  return s;
}

std::string title_of(const Summary& s, const std::string& id) {
  for (const RuleInfo& r : s.rules) {
    if (r.id == id) return r.title;
  }
  return id;
}

std::string totals_html(const Summary& s) {
  std::string h = "<dl class=\"totals\" id=\"totals\">\n";
  auto item = [&](const char* key, const std::string& label, const std::string& value, bool bad) {
    h += std::string("<div") + (bad ? " class=\"bad\"" : "") + "><dt>" + html_escape(label) +
         "</dt><dd data-total=\"" + key + "\">" + value + "</dd></div>\n";
  };
  item("records_read", "Records read", thousands(s.records_read), false);
  item("drafts", "Drafts checked", thousands(s.drafts), false);
  item("errors", "Input errors", thousands(s.errors), s.errors > 0);
  item("failing", "Drafts with findings at " + s.fail_level + " or above",
       thousands(s.all.failing) + " <small>(" + percent_text(s.all.failing, s.drafts) + ")</small>",
       false);
  item("mean_score", "Mean readiness score", mean_score(s.all), false);
  if (s.undated > 0 && s.undated < s.drafts)
    item("undated", "Drafts without a date", thousands(s.undated), false);
  h += "</dl>\n";
  return h;
}

std::string banner_html(const Summary& s) {
  if (s.complete) return {};
  std::string h =
      "<div class=\"banner\" id=\"incomplete\" role=\"note\"><strong>Incomplete audit.</strong> ";
  for (const StopInfo& st : s.stops) {
    h +=
        "Stopped (" + html_escape(st.reason) + ") after " + thousands(st.records_read) + " records";
    if (!st.last_source.empty()) {
      h += "; the last record written was <code>" + html_escape(st.last_source) + "</code>" +
           (st.last_record ? " record " + std::to_string(st.last_record) : std::string());
    }
    h += ". ";
  }
  h += "The counts below cover only what was read.</div>\n";
  return h;
}

std::string missing_section(const Summary& s) {
  std::vector<Bar> bars;
  for (const RuleInfo& r : s.rules) {
    const RuleCount* rc = rule_in(s.all, r.id);
    bars.push_back({r.id, r.title, share(rc), note_of(rc), r.id});
  }
  std::string h =
      "<section class=\"card\" id=\"missing\"><h2>What the drafts lack</h2>\n"
      "<p class=\"sub\">Share of checked drafts with a finding of each rule.</p>\n";
  h += bar_chart("chart-missing", "Share of drafts missing each element", bars);
  h += "</section>\n";
  return h;
}

std::string language_section(const Summary& s) {
  std::vector<std::string> categories;
  for (const RuleInfo& r : s.rules) categories.push_back(r.title);
  std::vector<Series> series;
  for (const auto& [lang, b] : s.by_language) series.push_back(series_of(lang, b, s.rules));
  std::string h =
      "<section class=\"card\" id=\"by-language\"><h2>By language</h2>\n"
      "<p class=\"sub\">Share of drafts missing each element, per language (drafts in "
      "brackets).</p>\n";
  h += grouped_bar_chart("chart-language", "Share of drafts missing each element, by language",
                         categories, series);
  h += "<div class=\"table\"><table><thead><tr><th>Language</th><th class=\"num\">Drafts</th><th "
       "class=\"num\">Mean score</th>"
       "<th class=\"num\">Failing</th></tr></thead><tbody>\n";
  for (const auto& [lang, b] : s.by_language) {
    h += "<tr><td>" + html_escape(lang) + "</td><td class=\"num\">" + thousands(b.drafts) +
         "</td><td class=\"num\">" + mean_score(b) + "</td><td class=\"num\">" +
         percent_text(b.failing, b.drafts) + "</td></tr>\n";
  }
  h += "</tbody></table></div></section>\n";
  return h;
}

std::string group_section(const Summary& s) {
  if (s.group_field.empty()) return {};
  std::vector<std::pair<std::string, const Bucket*>> groups;
  for (const auto& [g, b] : s.by_group) groups.emplace_back(g, &b);
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return a.second->drafts > b.second->drafts;
  });
  std::vector<std::string> categories;
  for (const RuleInfo& r : s.rules) categories.push_back(r.title);
  std::vector<Series> series;
  for (std::size_t i = 0; i < groups.size() && i < kGroupsCharted; ++i) {
    series.push_back(series_of(groups[i].first, *groups[i].second, s.rules));
  }
  std::string h = "<section class=\"card wide\" id=\"by-group\"><h2>By " +
                  html_escape(s.group_field) + "</h2>\n";
  h += "<p class=\"sub\">" + thousands(groups.size()) + " distinct values of <code>" +
       html_escape(s.group_field) + "</code>";
  if (groups.size() > kGroupsCharted)
    h += "; the chart shows the " + std::to_string(kGroupsCharted) + " largest";
  h += ".</p>\n";
  h += grouped_bar_chart("chart-group", "Share of drafts missing each element, by " + s.group_field,
                         categories, series);
  h += "<div class=\"table\"><table><thead><tr><th>" + html_escape(s.group_field) +
       "</th><th class=\"num\">Drafts</th><th class=\"num\">Mean score</th>";
  for (const RuleInfo& r : s.rules)
    h += "<th class=\"num\" title=\"" + html_escape(r.title) + "\">" + html_escape(r.id) + "</th>";
  h += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < groups.size() && i < kGroupsTabled; ++i) {
    const Bucket& b = *groups[i].second;
    h += "<tr><td>" + html_escape(groups[i].first) + "</td><td class=\"num\">" +
         thousands(b.drafts) + "</td><td class=\"num\">" + mean_score(b) + "</td>";
    for (const RuleInfo& r : s.rules) {
      const RuleCount* rc = rule_in(b, r.id);
      h += "<td class=\"num\">" +
           (rc ? percent_text(rc->drafts, rc->checked) : std::string("n/a")) + "</td>";
    }
    h += "</tr>\n";
  }
  h += "</tbody></table></div>";
  if (groups.size() > kGroupsTabled)
    h += "<p class=\"note\">The " + std::to_string(kGroupsTabled) + " largest of " +
         thousands(groups.size()) + " are listed; summary.json has every one.</p>";
  h += "</section>\n";
  return h;
}

std::string trend_section(const Summary& s) {
  std::string h = "<section class=\"card wide\" id=\"trend\"><h2>Month by month</h2>\n";
  if (s.by_month.empty()) {
    h += "<p class=\"sub\">No draft carried a date (Date header, <code>created_at</code>, or "
         "<code>--date-field</code>), "
         "so there is no trend to draw.</p></section>\n";
    return h;
  }
  // Every month from the first to the last, so gaps show.
  std::vector<std::string> months;
  const std::string first = s.by_month.begin()->first, last = s.by_month.rbegin()->first;
  int y = std::stoi(first.substr(0, 4)), m = std::stoi(first.substr(5, 2));
  for (int guard = 0; guard < 1200; ++guard) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    months.emplace_back(buf);
    if (months.back() >= last) break;
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  std::vector<Series> series;
  for (const RuleInfo& r : s.rules) {
    Series sr{r.id, {}, {}};
    for (const std::string& month : months) {
      const auto it = s.by_month.find(month);
      const RuleCount* rc = it == s.by_month.end() ? nullptr : rule_in(it->second, r.id);
      sr.values.push_back(share(rc));
      sr.notes.push_back(rc ? note_of(rc) : std::string("no drafts"));
    }
    series.push_back(std::move(sr));
  }
  h += "<p class=\"sub\">Share of drafts missing each element, per month (" +
       thousands(s.drafts - s.undated) + " dated drafts";
  if (s.undated) h += "; " + thousands(s.undated) + " without a date are left out";
  h += ").</p>\n";
  h += line_chart("chart-trend", "Share of drafts missing each element, per month", months, series);
  h += "</section>\n";
  return h;
}

std::string scores_section(const Summary& s) {
  std::vector<std::string> labels;
  std::vector<std::uint64_t> counts(s.score_histogram.begin(), s.score_histogram.end());
  for (int i = 0; i < 10; ++i)
    labels.push_back(std::to_string(i * 10) + "–" + std::to_string(i == 9 ? 100 : i * 10 + 9));
  std::string h =
      "<section class=\"card\" id=\"scores\"><h2>Readiness scores</h2>\n"
      "<p class=\"sub\">Drafts per 10-point band of the readiness score (0–100); mean " +
      mean_score(s.all) + ".</p>\n";
  h += column_chart("chart-scores", "Score distribution", labels, counts);
  h += "</section>\n";
  return h;
}

std::string lowest_section(const Summary& s) {
  std::string h = "<section class=\"card wide\" id=\"lowest\"><h2>Lowest-scoring drafts</h2>\n";
  if (s.lowest.empty()) return h + "<p class=\"sub\">No draft was scored.</p></section>\n";
  h += "<p class=\"sub\">The " + std::to_string(s.lowest.size()) +
       " drafts with the lowest readiness scores.</p>\n";
  h += "<div class=\"table\"><table><thead><tr><th>Draft</th><th>Subject</th><th>Lang</th><th "
       "class=\"num\">Score</th>"
       "<th>What is missing</th></tr></thead><tbody>\n";
  for (const DraftRef& d : s.lowest) {
    std::string where =
        d.id.empty() ? d.source + (d.record ? " #" + std::to_string(d.record) : "") : d.id;
    h += "<tr><td><code title=\"" + html_escape(d.source) + "\">" + html_escape(where) +
         "</code></td><td class=\"subject\">" +
         html_escape(d.subject.empty() ? "(no subject)" : d.subject) + "</td><td>" +
         html_escape(d.language) + "</td><td class=\"num\">" + std::to_string(d.score) +
         "</td><td>";
    for (const std::string& m : d.missing)
      h += "<span class=\"tag\" title=\"" + html_escape(m) + "\">" + html_escape(title_of(s, m)) +
           "</span> ";
    h += "</td></tr>\n";
  }
  h += "</tbody></table></div></section>\n";
  return h;
}

std::string errors_section(const Summary& s) {
  std::string h = "<section class=\"card\" id=\"errors\"><h2>Input errors</h2>\n";
  if (s.errors == 0) return h + "<p class=\"sub\">None: every record was read.</p></section>\n";
  h += "<p class=\"sub\">" + thousands(s.errors) + " records could not be read as drafts";
  if (s.error_samples.size() < s.errors)
    h += "; the first " + std::to_string(s.error_samples.size()) +
         " by source are listed (results.jsonl has all)";
  h += ".</p>\n<div class=\"table\"><table><thead><tr><th>Source</th><th "
       "class=\"num\">Record</th><th>What was wrong</th></tr></thead><tbody>\n";
  for (const InputError& e : s.error_samples) {
    h += "<tr><td><code>" + html_escape(e.source) + "</code></td><td class=\"num\">" +
         (e.record ? std::to_string(e.record) : std::string("")) + "</td><td>" +
         html_escape(e.message) + "</td></tr>\n";
  }
  h += "</tbody></table></div></section>\n";
  return h;
}

}  // namespace

std::string render_report(const Summary& s, const ReportOptions& options) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n"
      "<title>" +
      html_escape(options.title) + "</title>\n<style>" + kCss +
      "</style>\n</head>\n<body>\n<header>\n";
  h += "<h1>" + html_escape(options.title) + "</h1>\n";
  h += "<p class=\"sub\">" + thousands(s.records_read) + " records: " + thousands(s.drafts) +
       " drafts checked and " + thousands(s.errors) + " input errors";
  if (s.shards > 1) h += ", merged from " + thousands(s.shards) + " shards";
  if (!options.generated.empty()) h += ". " + html_escape(options.generated);
  h += ".</p>\n";
  h += banner_html(s);
  h += totals_html(s);
  h += "</header>\n<main>\n<div class=\"grid\">\n";
  h += missing_section(s);
  h += scores_section(s);
  h += language_section(s);
  h += errors_section(s);
  h += group_section(s);
  h += trend_section(s);
  h += lowest_section(s);
  h += "</div>\n</main>\n<footer><p>escalint audit · findings are advice, phrased as the guidance "
       "would phrase "
       "them, never a verdict · records read = drafts checked + input "
       "errors.</p></footer>\n</body>\n</html>\n";
  return h;
}

}  // namespace escalint
