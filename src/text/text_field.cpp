#include "text/text_field.h"

#include <algorithm>

namespace escalint {

const char* region_kind_name(RegionKind kind) {
  switch (kind) {
    case RegionKind::kNew:
      return "new";
    case RegionKind::kQuoted:
      return "quoted";
    case RegionKind::kForwarded:
      return "forwarded";
    case RegionKind::kSignature:
      return "signature";
    case RegionKind::kDisclaimer:
      return "disclaimer";
    case RegionKind::kInheritedSubject:
      return "inherited-subject";
  }
  return "unknown";
}

TextField::TextField(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  regions_.push_back({RegionKind::kNew, {0, text_.size()}});
}

std::vector<Span> TextField::new_text() const {
  std::vector<Span> spans;
  for (const Region& r : regions_) {
    if (r.kind != RegionKind::kNew || r.span.empty()) continue;
    if (!spans.empty() && spans.back().end == r.span.begin) {
      spans.back().end = r.span.end;
    } else {
      spans.push_back(r.span);
    }
  }
  return spans;
}

std::size_t TextField::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::size_t>(it - line_starts_.begin());
}

Span TextField::line_span(std::size_t line) const {
  Span s{line_starts_.at(line - 1), line < line_starts_.size() ? line_starts_[line] : text_.size()};
  while (s.end > s.begin && (text_[s.end - 1] == '\n' || text_[s.end - 1] == '\r')) --s.end;
  return s;
}

namespace {
// Code points and UTF-16 units in text[begin, end).
void count_units(std::string_view text, std::size_t begin, std::size_t end,
                 std::size_t* code_points, std::size_t* utf16_units) {
  std::size_t cps = 0, units = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) == 0x80) continue;  // continuation byte
    ++cps;
    units += b >= 0xF0 ? 2 : 1;  // four-byte sequences are surrogate pairs in UTF-16
  }
  *code_points = cps;
  *utf16_units = units;
}
}  // namespace

Position TextField::position_of(Span span) const {
  Position p;
  p.byte_offset = span.begin;
  p.byte_length = span.size();
  std::size_t cps = 0, units = 0;
  count_units(text_, 0, span.begin, &cps, &units);
  p.utf16_offset = units;
  count_units(text_, span.begin, span.end, &cps, &units);
  p.utf16_length = units;
  p.line = line_of(span.begin);
  count_units(text_, line_starts_[p.line - 1], span.begin, &cps, &units);
  p.column = cps + 1;
  const std::size_t last = span.empty() ? span.begin : span.end - 1;
  p.end_line = line_of(last);
  count_units(text_, line_starts_[p.end_line - 1], span.end, &cps, &units);
  p.end_column = cps + 1;
  return p;
}

}  // namespace escalint
