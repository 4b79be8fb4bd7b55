// One field of a draft (its subject or its body) as prepared text: well-formed NFC
// UTF-8, a line index, and the regions that say which bytes are the writer's new text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace escalint {

// A half-open byte range [begin, end) into a field's text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  bool contains(std::size_t offset) const { return offset >= begin && offset < end; }
  bool operator==(const Span&) const = default;
};

// Where a span is, in every unit a consumer may need. Lines and columns are 1-based;
// columns count Unicode code points; byte and UTF-16 offsets are 0-based from the
// start of the field.
struct Position {
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t end_line = 0;
  std::size_t end_column = 0;
  std::size_t byte_offset = 0;
  std::size_t byte_length = 0;
  std::size_t utf16_offset = 0;
  std::size_t utf16_length = 0;
};

// What a stretch of text is. Only kNew is evidence; the rest is context.
enum class RegionKind { kNew, kQuoted, kForwarded, kSignature, kDisclaimer, kInheritedSubject };

const char* region_kind_name(RegionKind kind);

struct Region {
  RegionKind kind = RegionKind::kNew;
  Span span;
};

class TextField {
 public:
  // `text` must be well-formed UTF-8.
  TextField(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  std::string_view view(Span span) const {
    return std::string_view(text_).substr(span.begin, span.size());
  }

  // Regions cover the text in order, without gaps or overlap.
  const std::vector<Region>& regions() const { return regions_; }
  void set_regions(std::vector<Region> regions) { regions_ = std::move(regions); }
  // The spans of new text, merged where adjacent.
  std::vector<Span> new_text() const;

  std::size_t line_count() const { return line_starts_.size(); }
  // The span of line `line` (1-based), without its line terminator.
  Span line_span(std::size_t line) const;
  Position position_of(Span span) const;

 private:
  std::size_t line_of(std::size_t offset) const;  // 1-based

  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  std::vector<Region> regions_;
};

}  // namespace escalint
