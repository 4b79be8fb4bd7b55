#include "audit/summary.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include <boost/json.hpp>

namespace escalint {

namespace json = boost::json;

void Bucket::add(const AuditedDraft& d) {
  ++drafts;
  if (d.failing) ++failing;
  if (d.result.language_supported) {
    ++scored;
    score_sum += static_cast<std::uint64_t>(std::clamp(d.result.score, 0, 100));
  }
  for (const auto& [id, passed] : d.rules) {
    RuleCount& rc = rules[id];
    ++rc.checked;
    if (!passed) ++rc.drafts;
  }
  for (const Finding& f : d.result.findings) {
    RuleCount& rc = rules[f.rule];
    ++rc.findings;
    ++rc.statuses[f.status];
  }
}

void Bucket::merge(const Bucket& o) {
  drafts += o.drafts;
  scored += o.scored;
  failing += o.failing;
  score_sum += o.score_sum;
  for (const auto& [id, rc] : o.rules) {
    RuleCount& mine = rules[id];
    mine.checked += rc.checked;
    mine.drafts += rc.drafts;
    mine.findings += rc.findings;
    for (const auto& [status, n] : rc.statuses) mine.statuses[status] += n;
  }
}

bool lowest_before(const DraftRef& a, const DraftRef& b) {
  return std::tie(a.score, a.source, a.record, a.id) < std::tie(b.score, b.source, b.record, b.id);
}

bool error_before(const InputError& a, const InputError& b) {
  return std::tie(a.source, a.record, a.message) < std::tie(b.source, b.record, b.message);
}

std::string month_of(const std::string& date) {
  if (date.size() < 7) return {};
  for (int i : {0, 1, 2, 3, 5, 6}) {
    if (date[i] < '0' || date[i] > '9') return {};
  }
  if (date[4] != '-') return {};
  const int month = (date[5] - '0') * 10 + (date[6] - '0');
  if (month < 1 || month > 12) return {};
  return date.substr(0, 7);
}

std::size_t score_bucket(int score) {
  return static_cast<std::size_t>(std::clamp(score, 0, 100) / 10 - (score >= 100 ? 1 : 0));
}

void Summary::set_rules(const RulePack& pack) {
  rules.clear();
  for (const Rule& r : pack.rules) {
    RuleInfo info{r.id, r.check, level_name(r.level), r.id};
    const auto en = r.languages.find("en");
    const auto any = en != r.languages.end() ? en : r.languages.begin();
    if (any != r.languages.end() && !any->second.title.empty()) info.title = any->second.title;
    rules.push_back(std::move(info));
  }
}

void Summary::add(const AuditRecord& record) {
  ++records_read;
  if (record.is_error()) {
    ++errors;
    error_samples.push_back(record.error());
    if (error_samples.size() > 2 * kErrorSamples) finish();
    return;
  }
  const AuditedDraft& d = record.draft();
  ++drafts;
  all.add(d);
  by_language[d.result.language.empty() ? "und" : d.result.language].add(d);
  const std::string month = month_of(d.date);
  if (month.empty()) {
    ++undated;
  } else {
    by_month[month].add(d);
  }
  if (!group_field.empty()) by_group[d.group.empty() ? "(none)" : d.group].add(d);
  if (d.result.language_supported) {
    ++score_histogram[score_bucket(d.result.score)];
    DraftRef ref{d.result.source,   d.result.record, d.result.id, d.result.subject,
                 d.result.language, d.result.score,  {}};
    for (const auto& [id, passed] : d.rules) {
      if (!passed) ref.missing.push_back(id);
    }
    if (ref.subject.size() > 200) ref.subject.resize(200);  // enough for a table cell
    lowest.push_back(std::move(ref));
    if (lowest.size() > 2 * kLowest) finish();
  }
}

void Summary::finish() {
  std::sort(lowest.begin(), lowest.end(), lowest_before);
  if (lowest.size() > kLowest) lowest.resize(kLowest);
  std::sort(error_samples.begin(), error_samples.end(), error_before);
  if (error_samples.size() > kErrorSamples) error_samples.resize(kErrorSamples);
}

namespace {

json::object bucket_json(const Bucket& b) {
  json::object rules;
  for (const auto& [id, rc] : b.rules) {
    json::object statuses;
    for (const auto& [s, n] : rc.statuses) statuses[s] = n;
    rules[id] = json::object{{"checked", rc.checked},
                             {"drafts", rc.drafts},
                             {"findings", rc.findings},
                             {"statuses", std::move(statuses)}};
  }
  return json::object{{"drafts", b.drafts},
                      {"scored", b.scored},
                      {"failing", b.failing},
                      {"score_sum", b.score_sum},
                      {"rules", std::move(rules)}};
}

json::object buckets_json(const std::map<std::string, Bucket>& m) {
  json::object o;
  for (const auto& [k, b] : m) o[k] = bucket_json(b);
  return o;
}

// Reading, with errors that name the field.
const json::value& at(const json::object& o, std::string_view key, std::string_view where) {
  const json::value* v = o.if_contains(key);
  if (!v)
    throw std::runtime_error(std::string(where) + ": \"" + std::string(key) + "\" is missing");
  return *v;
}

const json::object& as_object(const json::value& v, std::string_view where) {
  if (!v.is_object()) throw std::runtime_error(std::string(where) + " is not an object");
  return v.get_object();
}

std::uint64_t count(const json::value& v, std::string_view where) {
  if (v.is_uint64()) return v.get_uint64();
  if (v.is_int64() && v.get_int64() >= 0) return static_cast<std::uint64_t>(v.get_int64());
  throw std::runtime_error(std::string(where) + " is not a count");
}

std::uint64_t count_at(const json::object& o, std::string_view key, std::string_view where) {
  return count(at(o, key, where), std::string(where) + "." + std::string(key));
}

std::string text_at(const json::object& o, std::string_view key, std::string_view where) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (!v->is_string())
    throw std::runtime_error(std::string(where) + "." + std::string(key) + " is not a string");
  return std::string(v->get_string());
}

const json::array& array_at(const json::object& o, std::string_view key, std::string_view where) {
  const json::value& v = at(o, key, where);
  if (!v.is_array())
    throw std::runtime_error(std::string(where) + "." + std::string(key) + " is not an array");
  return v.get_array();
}

Bucket bucket_from(const json::value& v, const std::string& where) {
  const json::object& o = as_object(v, where);
  Bucket b;
  b.drafts = count_at(o, "drafts", where);
  b.scored = count_at(o, "scored", where);
  b.failing = count_at(o, "failing", where);
  b.score_sum = count_at(o, "score_sum", where);
  for (const auto& [id, rv] : as_object(at(o, "rules", where), where + ".rules")) {
    const std::string w = where + ".rules." + std::string(id);
    const json::object& r = as_object(rv, w);
    RuleCount rc;
    rc.checked = count_at(r, "checked", w);
    rc.drafts = count_at(r, "drafts", w);
    rc.findings = count_at(r, "findings", w);
    if (const json::value* s = r.if_contains("statuses")) {
      for (const auto& [status, n] : as_object(*s, w + ".statuses"))
        rc.statuses[std::string(status)] = count(n, w);
    }
    b.rules[std::string(id)] = std::move(rc);
  }
  return b;
}

std::map<std::string, Bucket> buckets_from(const json::object& o, std::string_view key) {
  std::map<std::string, Bucket> m;
  const json::value* v = o.if_contains(key);
  if (!v) return m;
  for (const auto& [k, b] : as_object(*v, key))
    m[std::string(k)] = bucket_from(b, std::string(key) + "." + std::string(k));
  return m;
}

}  // namespace

json::object to_json(const Summary& s) {
  json::object o;
  o["escalint_audit_summary"] = Summary::kVersion;
  o["complete"] = s.complete;
  json::array stops;
  for (const StopInfo& st : s.stops) {
    stops.push_back(json::object{{"reason", st.reason},
                                 {"records_read", st.records_read},
                                 {"last_source", st.last_source},
                                 {"last_record", st.last_record}});
  }
  o["stopped"] = std::move(stops);
  o["shards"] = s.shards;
  o["fail_level"] = s.fail_level;
  o["group_field"] = s.group_field;
  json::array rules;
  for (const RuleInfo& r : s.rules) {
    rules.push_back(
        json::object{{"id", r.id}, {"check", r.check}, {"level", r.level}, {"title", r.title}});
  }
  o["rules"] = std::move(rules);
  o["totals"] = json::object{{"records_read", s.records_read},
                             {"drafts", s.drafts},
                             {"errors", s.errors},
                             {"undated", s.undated}};
  o["all"] = bucket_json(s.all);
  o["by_language"] = buckets_json(s.by_language);
  o["by_month"] = buckets_json(s.by_month);
  o["by_group"] = buckets_json(s.by_group);
  json::array hist;
  for (std::size_t i = 0; i < s.score_histogram.size(); ++i) {
    const int lo = static_cast<int>(i) * 10;
    const int hi = i + 1 == s.score_histogram.size() ? 100 : lo + 9;
    hist.push_back(json::object{{"min", lo}, {"max", hi}, {"drafts", s.score_histogram[i]}});
  }
  o["score_histogram"] = std::move(hist);
  json::array lowest;
  for (const DraftRef& d : s.lowest) {
    json::array missing;
    for (const std::string& m : d.missing) missing.push_back(json::string(m));
    lowest.push_back(json::object{{"source", d.source},
                                  {"record", d.record},
                                  {"id", d.id},
                                  {"subject", d.subject},
                                  {"language", d.language},
                                  {"score", d.score},
                                  {"missing", std::move(missing)}});
  }
  o["lowest"] = std::move(lowest);
  json::array errors;
  for (const InputError& e : s.error_samples) {
    errors.push_back(
        json::object{{"source", e.source}, {"record", e.record}, {"message", e.message}});
  }
  o["error_samples"] = std::move(errors);
  return o;
}

Summary summary_from_json(const json::value& v) {
  const json::object& o = as_object(v, "the summary");
  const json::value* version = o.if_contains("escalint_audit_summary");
  if (!version)
    throw std::runtime_error("not an escalint audit summary (no \"escalint_audit_summary\" field)");
  if (!version->is_int64() || version->get_int64() != Summary::kVersion) {
    throw std::runtime_error("unsupported summary version " + json::serialize(*version));
  }
  Summary s;
  const json::value& complete = at(o, "complete", "the summary");
  if (!complete.is_bool()) throw std::runtime_error("\"complete\" is not true or false");
  s.complete = complete.get_bool();
  for (const json::value& st : array_at(o, "stopped", "the summary")) {
    const json::object& so = as_object(st, "stopped[]");
    s.stops.push_back(
        {text_at(so, "reason", "stopped[]"), count_at(so, "records_read", "stopped[]"),
         text_at(so, "last_source", "stopped[]"), count_at(so, "last_record", "stopped[]")});
  }
  s.shards = count_at(o, "shards", "the summary");
  s.fail_level = text_at(o, "fail_level", "the summary");
  s.group_field = text_at(o, "group_field", "the summary");
  for (const json::value& rv : array_at(o, "rules", "the summary")) {
    const json::object& r = as_object(rv, "rules[]");
    s.rules.push_back({text_at(r, "id", "rules[]"), text_at(r, "check", "rules[]"),
                       text_at(r, "level", "rules[]"), text_at(r, "title", "rules[]")});
  }
  const json::object& totals = as_object(at(o, "totals", "the summary"), "totals");
  s.records_read = count_at(totals, "records_read", "totals");
  s.drafts = count_at(totals, "drafts", "totals");
  s.errors = count_at(totals, "errors", "totals");
  s.undated = count_at(totals, "undated", "totals");
  if (s.records_read != s.drafts + s.errors) {
    throw std::runtime_error("totals do not reconcile: records_read " +
                             std::to_string(s.records_read) + " != drafts " +
                             std::to_string(s.drafts) + " + errors " + std::to_string(s.errors));
  }
  s.all = bucket_from(at(o, "all", "the summary"), "all");
  s.by_language = buckets_from(o, "by_language");
  s.by_month = buckets_from(o, "by_month");
  s.by_group = buckets_from(o, "by_group");
  const json::array& hist = array_at(o, "score_histogram", "the summary");
  if (hist.size() != s.score_histogram.size())
    throw std::runtime_error("score_histogram must have 10 buckets");
  for (std::size_t i = 0; i < hist.size(); ++i) {
    s.score_histogram[i] =
        count_at(as_object(hist[i], "score_histogram[]"), "drafts", "score_histogram[]");
  }
  for (const json::value& dv : array_at(o, "lowest", "the summary")) {
    const json::object& d = as_object(dv, "lowest[]");
    DraftRef ref{text_at(d, "source", "lowest[]"),
                 count_at(d, "record", "lowest[]"),
                 text_at(d, "id", "lowest[]"),
                 text_at(d, "subject", "lowest[]"),
                 text_at(d, "language", "lowest[]"),
                 static_cast<int>(count_at(d, "score", "lowest[]")),
                 {}};
    for (const json::value& m : array_at(d, "missing", "lowest[]")) {
      if (m.is_string()) ref.missing.emplace_back(m.get_string());
    }
    s.lowest.push_back(std::move(ref));
  }
  for (const json::value& ev : array_at(o, "error_samples", "the summary")) {
    const json::object& e = as_object(ev, "error_samples[]");
    s.error_samples.push_back({text_at(e, "source", "error_samples[]"),
                               count_at(e, "record", "error_samples[]"),
                               text_at(e, "message", "error_samples[]")});
  }
  s.finish();
  return s;
}

}  // namespace escalint
