#include "text/regions.h"

#include <re2/re2.h>

#include <algorithm>

#include "rules/rule_loader.h"

namespace escalint {

namespace {

constexpr std::size_t kMaxSignatureLines = 8;
constexpr std::size_t kMaxSignatureLineBytes = 90;

// The patterns of one marker kind in `languages` as one alternation; the loader has
// checked each pattern on its own.
std::string join_markers(const RulePack& pack, const std::vector<std::string>& languages,
                         std::vector<std::string> RegionMarkers::*list) {
  std::string joined;
  for (const std::string& code : languages) {
    for (const std::string& p : pack.languages.at(code).markers.*list) {
      if (!joined.empty()) joined += '|';
      joined.append("(?:").append(p).append(")");
    }
  }
  return joined.empty() ? "[^\\x00-\\x{10FFFF}]" : joined;  // an empty list matches nothing
}

std::unique_ptr<re2::RE2> compile_line_pattern(const std::string& pattern, const char* name) {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(pattern, o);
  if (!re->ok()) throw RuleError({std::string("markers.") + name + ": " + re->error()});
  return re;
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

struct RegionDetector::Line {
  Span span;  // without the line terminator
  std::string_view text;
};

struct MarkerSet {
  MarkerSet(const RulePack& pack, const std::vector<std::string>& languages) {
    // One case-insensitive pattern per kind, matching a whole line (`prefix`: its start).
    auto compile = [&](std::vector<std::string> RegionMarkers::*list, const char* name,
                       bool prefix) {
      return compile_line_pattern(
          "^\\s*(?:" + join_markers(pack, languages, list) + ")" + (prefix ? "" : "\\s*$"), name);
    };
    reply_header = compile(&RegionMarkers::reply_header, "reply_header", false);
    forward_header = compile(&RegionMarkers::forward_header, "forward_header", false);
    header_block_start = compile(&RegionMarkers::header_block_start, "header_block_start", true);
    header_block_field = compile(&RegionMarkers::header_block_field, "header_block_field", true);
    signature_start = compile(&RegionMarkers::signature_start, "signature_start", false);
    closing = compile(&RegionMarkers::closing, "closing", false);
    disclaimer = compile(&RegionMarkers::disclaimer, "disclaimer", true);
    inherited_subject = compile(&RegionMarkers::inherited_subject, "inherited_subject", true);
    subject_line = compile_line_pattern(
        "^\\s*(?:" + join_markers(pack, languages, &RegionMarkers::subject_label) +
            ")\\s*[:：]\\s*(.*)$",
        "subject_label");
  }
  std::unique_ptr<re2::RE2> reply_header, forward_header, header_block_start, header_block_field,
      signature_start, closing, disclaimer, inherited_subject, subject_line;
};

RegionDetector::RegionDetector(const RulePack& pack) : pack_(pack) {}

RegionDetector::~RegionDetector() = default;

const MarkerSet& RegionDetector::markers(const std::vector<std::string>& languages) const {
  std::vector<std::string> codes;
  for (const std::string& code : languages) {
    if (pack_.languages.count(code) && std::find(codes.begin(), codes.end(), code) == codes.end()) {
      codes.push_back(code);
    }
  }
  std::sort(codes.begin(), codes.end());
  std::string key;
  for (const std::string& code : codes) key += (key.empty() ? "" : ",") + code;
  const std::lock_guard<std::mutex> lock(mutex_);
  std::unique_ptr<MarkerSet>& set = sets_[key];
  if (!set) set = std::make_unique<MarkerSet>(pack_, codes);
  return *set;
}

const MarkerSet& RegionDetector::all_markers() const {
  std::vector<std::string> codes;
  for (const auto& [code, _] : pack_.languages) codes.push_back(code);
  return markers(codes);
}

bool RegionDetector::inherited_subject(std::string_view subject, const MarkerSet& m) const {
  return RE2::PartialMatch(subject, *m.inherited_subject);
}

bool RegionDetector::closing_starts_signature(const std::vector<Line>& lines, std::size_t i,
                                              std::size_t end) const {
  std::size_t content = 0;
  for (std::size_t k = i + 1; k < end; ++k) {
    if (blank(lines[k].text)) continue;
    if (++content > kMaxSignatureLines || lines[k].text.size() > kMaxSignatureLineBytes)
      return false;
  }
  return true;
}

std::vector<Region> RegionDetector::detect(const TextField& field, const MarkerSet& m) const {
  const std::string_view text = field.text();
  std::vector<Line> lines;
  for (std::size_t n = 1; n <= field.line_count(); ++n) {
    const Span s = field.line_span(n);
    lines.push_back({s, text.substr(s.begin, s.size())});
  }
  std::vector<RegionKind> kinds(lines.size(), RegionKind::kNew);

  // Where the history starts: the first reply header, forward header or header block.
  std::size_t history = lines.size();
  RegionKind history_kind = RegionKind::kQuoted;
  for (std::size_t i = 0; i < lines.size() && history == lines.size(); ++i) {
    const std::string_view l = lines[i].text;
    if (RE2::FullMatch(l, *m.forward_header)) {
      history = i, history_kind = RegionKind::kForwarded;
    } else if (RE2::FullMatch(l, *m.reply_header)) {
      history = i;
    } else if (i + 1 < lines.size() && !blank(l) &&
               RE2::FullMatch(std::string(l) + " " + std::string(lines[i + 1].text),
                              *m.reply_header)) {
      history = i;  // "On Mon, 3 Mar 2025, Ann Berg <ann@example.com>\nwrote:"
    } else if (RE2::PartialMatch(l, *m.header_block_start)) {
      for (std::size_t k = i + 1; k < lines.size() && k <= i + 3; ++k) {
        if (RE2::PartialMatch(lines[k].text, *m.header_block_field)) {
          history = i;
          break;
        }
      }
    }
  }
  for (std::size_t i = history; i < lines.size(); ++i) kinds[i] = history_kind;

  // Quoted lines, a reply's subject, signatures and disclaimers in the new part.
  std::string subject;
  if (!lines.empty() && RE2::FullMatch(lines[0].text, *m.subject_line, &subject) &&
      inherited_subject(subject, m)) {
    kinds[0] = RegionKind::kInheritedSubject;
  }
  for (std::size_t i = 0; i < history; ++i) {
    const std::string_view l = lines[i].text;
    if (!l.empty() && l.find_first_not_of(" \t") != std::string_view::npos &&
        l[l.find_first_not_of(" \t")] == '>') {
      kinds[i] = RegionKind::kQuoted;
      continue;
    }
    const bool signature =
        RE2::FullMatch(l, *m.signature_start) ||
        (RE2::FullMatch(l, *m.closing) && closing_starts_signature(lines, i, history));
    const bool disclaimer =
        (i == 0 || blank(lines[i - 1].text)) && RE2::PartialMatch(l, *m.disclaimer);
    if (signature || disclaimer) {
      for (std::size_t k = i; k < history; ++k) {
        if (kinds[k] == RegionKind::kNew)
          kinds[k] = signature ? RegionKind::kSignature : RegionKind::kDisclaimer;
      }
      break;
    }
  }

  // Lines to regions: each line's region runs to the next line's start.
  std::vector<Region> regions;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t begin = lines[i].span.begin;
    const std::size_t end = i + 1 < lines.size() ? lines[i + 1].span.begin : text.size();
    if (!regions.empty() && regions.back().kind == kinds[i]) {
      regions.back().span.end = end;
    } else {
      regions.push_back({kinds[i], {begin, end}});
    }
  }
  return regions;
}

}  // namespace escalint
