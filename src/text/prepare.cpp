#include "text/prepare.h"

#include "text/utf8.h"

namespace escalint {

namespace {
TextField make_field(const std::string& name, const std::string& raw,
                     std::vector<std::string>* notices) {
  std::size_t replaced = 0;
  std::string text = repair_utf8(raw, &replaced);
  if (replaced > 0) {
    notices->push_back("invalid UTF-8 in the " + name + ": " + std::to_string(replaced) +
                       " byte sequence" + (replaced == 1 ? " was" : "s were") +
                       " replaced with U+FFFD");
  }
  return TextField(name, to_nfc(std::move(text)));
}
}  // namespace

std::string Document::new_text_sample(std::size_t max_bytes) const {
  std::string out;
  for (const TextField& f : fields) {
    for (const Span& s : f.new_text()) {
      if (out.size() >= max_bytes) return out;
      if (!out.empty()) out += "\n\n";
      out.append(f.view(s).substr(0, max_bytes - std::min(max_bytes, out.size())));
    }
  }
  return out;
}

Document prepare(const Draft& draft, const RegionDetector& regions) {
  Document doc;
  doc.notices = draft.notices;
  doc.known_without_attachments = draft.attachments_known && draft.attachments.empty();
  if (!draft.subject.empty()) {
    TextField subject = make_field("subject", draft.subject, &doc.notices);
    if (regions.inherited_subject(subject.text())) {
      subject.set_regions({{RegionKind::kInheritedSubject, {0, subject.text().size()}}});
    }
    doc.fields.push_back(std::move(subject));
  }
  TextField body = make_field("body", draft.body, &doc.notices);
  body.set_regions(regions.detect(body));
  doc.fields.push_back(std::move(body));
  return doc;
}

}  // namespace escalint
