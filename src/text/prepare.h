// Draft -> Document: well-formed NFC text per field (normalise), then its regions
// (mark_regions) with the markers of the languages the caller expects.
#pragma once

#include <string>
#include <vector>

#include "input/draft.h"
#include "text/regions.h"
#include "text/text_field.h"

namespace escalint {

struct Document {
  std::vector<TextField> fields;  // "subject" (when the draft has one), then "body"
  std::vector<std::string> notices;
  // Known to carry no attachment: the source lists attachments (mail, tickets) and has none.
  bool known_without_attachments = false;

  // The new text of every field, joined by blank lines, at most `max_bytes` of it:
  // what language identification reads.
  std::string new_text_sample(std::size_t max_bytes) const;
  // The same over all the text, new or not (before or after mark_regions).
  std::string text_sample(std::size_t max_bytes) const;
  // Where the new text lies in text_sample(max_bytes).
  std::vector<Span> new_text_in_sample(std::size_t max_bytes) const;
  // Where field `field` starts in text_sample's string (before its cut at max_bytes).
  std::size_t sample_offset(std::size_t field) const;
};

Document normalise(const Draft& draft);
void mark_regions(Document* doc, const RegionDetector& regions, const MarkerSet& markers);

}  // namespace escalint
