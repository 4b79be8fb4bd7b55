// Splits a field into the writer's new text and context: quoted replies ("> " lines,
// "On ... wrote:" and everything after it), Outlook-style header blocks, forwarded
// history, signatures and legal disclaimers. The markers are rule data; a draft is split
// with the markers of the languages it is likely to hold (the caller chooses them: a
// Swedish reply may quote English mail), each set of languages compiled once and kept.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rules/rule_pack.h"
#include "text/text_field.h"

namespace re2 {
class RE2;
}

namespace escalint {

// The compiled markers of some languages (RegionDetector::markers).
struct MarkerSet;

class RegionDetector {
 public:
  // Keeps a reference to `pack`; compiles nothing until a marker set is asked for.
  explicit RegionDetector(const RulePack& pack);
  ~RegionDetector();

  // The markers of `languages` (codes of the pack; others are ignored), compiled on first
  // use and kept. Thread-safe. Throws RuleError when they do not compile.
  const MarkerSet& markers(const std::vector<std::string>& languages) const;
  // The markers of every language of the pack.
  const MarkerSet& all_markers() const;

  // The regions of `field`'s text, in order, covering all of it.
  std::vector<Region> detect(const TextField& field, const MarkerSet& markers) const;

  // True when a subject line is inherited from an earlier message ("Re: ...").
  bool inherited_subject(std::string_view subject, const MarkerSet& markers) const;

 private:
  struct Line;
  bool closing_starts_signature(const std::vector<Line>& lines, std::size_t i,
                                std::size_t end) const;

  const RulePack& pack_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<MarkerSet>> sets_;  // by "en,sv"
};

}  // namespace escalint
