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

// At most `max_bytes` of the given spans of every field, joined by blank lines.
template <typename SpansOf>
std::string sample(const std::vector<TextField>& fields, std::size_t max_bytes, SpansOf spans_of) {
  std::string out;
  for (const TextField& f : fields) {
    for (const Span& s : spans_of(f)) {
      if (out.size() >= max_bytes) return out;
      if (!out.empty()) out += "\n\n";
      out.append(f.view(s).substr(0, max_bytes - std::min(max_bytes, out.size())));
    }
  }
  return out;
}
}  // namespace

std::string Document::new_text_sample(std::size_t max_bytes) const {
  return sample(fields, max_bytes, [](const TextField& f) { return f.new_text(); });
}

std::string Document::text_sample(std::size_t max_bytes) const {
  return sample(fields, max_bytes, [](const TextField& f) {
    return std::vector<Span>{{0, f.text().size()}};
  });
}

std::size_t Document::sample_offset(std::size_t field) const {
  std::size_t base = 0;
  for (std::size_t f = 0; f < field && f < fields.size(); ++f) {
    base += fields[f].text().size() + 2;  // and the blank line text_sample puts between fields
  }
  return base;
}

std::vector<Span> Document::new_text_in_sample(std::size_t max_bytes) const {
  std::vector<Span> out;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const std::size_t base = sample_offset(f);
    for (const Span& s : fields[f].new_text()) {
      const Span in{std::min(base + s.begin, max_bytes), std::min(base + s.end, max_bytes)};
      if (!in.empty()) out.push_back(in);
    }
  }
  return out;
}

Document normalise(const Draft& draft) {
  Document doc;
  doc.notices = draft.notices;
  doc.known_without_attachments = draft.attachments_known && draft.attachments.empty();
  if (!draft.subject.empty())
    doc.fields.push_back(make_field("subject", draft.subject, &doc.notices));
  doc.fields.push_back(make_field("body", draft.body, &doc.notices));
  return doc;
}

void mark_regions(Document* doc, const RegionDetector& regions, const MarkerSet& markers) {
  for (TextField& field : doc->fields) {
    if (field.name() != "subject") {
      field.set_regions(regions.detect(field, markers));
    } else if (regions.inherited_subject(field.text(), markers)) {
      field.set_regions({{RegionKind::kInheritedSubject, {0, field.text().size()}}});
    }
  }
}

}  // namespace escalint
