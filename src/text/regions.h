// Splits a field into the writer's new text and context: quoted replies ("> " lines,
// "On ... wrote:" and everything after it), Outlook-style header blocks, forwarded
// history, signatures and legal disclaimers. The markers are rule data, and every
// language's markers apply to every draft (a Swedish reply may quote English mail).
#pragma once

#include <memory>
#include <vector>

#include "rules/rule_pack.h"
#include "text/text_field.h"

namespace re2 {
class RE2;
}

namespace escalint {

class RegionDetector {
 public:
  // Throws RuleError when a marker pattern does not compile.
  explicit RegionDetector(const RulePack& pack);
  ~RegionDetector();

  // The regions of `field`'s text, in order, covering all of it.
  std::vector<Region> detect(const TextField& field) const;

  // True when a subject line is inherited from an earlier message ("Re: ...").
  bool inherited_subject(std::string_view subject) const;

 private:
  struct Line;
  bool closing_starts_signature(const std::vector<Line>& lines, std::size_t i,
                                std::size_t end) const;

  std::unique_ptr<re2::RE2> reply_header_, forward_header_, header_block_start_,
      header_block_field_, signature_start_, closing_, disclaimer_, inherited_subject_,
      subject_line_;
};

}  // namespace escalint
