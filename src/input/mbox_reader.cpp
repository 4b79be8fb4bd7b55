#include "input/mbox_reader.h"

#include <cctype>

#include "input/mime_reader.h"

namespace escalint {

namespace {

bool header_like(std::string_view l) {
  std::size_t i = 0;
  while (i < l.size() && l[i] > ' ' && l[i] < 0x7F && l[i] != ':') ++i;
  return i > 0 && i < l.size() && l[i] == ':';
}

bool has_time(std::string_view s) {
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])) && s[i + 2] == ':' &&
        std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 3])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 4]))) {
      return true;
    }
  }
  return false;
}

bool has_weekday(std::string_view s) {
  for (const char* d : {"Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "}) {
    if (s.find(d) != std::string_view::npos) return true;
  }
  return false;
}

std::string_view strip_cr(std::string_view l) {
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

}  // namespace

bool is_mbox_separator(std::string_view line, std::string_view next) {
  line = strip_cr(line);
  if (line.substr(0, 5) != "From ") return false;
  if (!header_like(strip_cr(next))) return false;
  std::string_view rest = line.substr(5);
  const std::size_t sp = rest.find(' ');
  const std::string_view sender = rest.substr(0, sp);
  if (sender.find('@') != std::string_view::npos || sender == "-" || sender == "MAILER-DAEMON")
    return true;
  return has_time(rest) || has_weekday(rest);
}

MboxSplitter::MboxSplitter(Fn fn, std::size_t max_message_bytes)
    : fn_(std::move(fn)), max_(max_message_bytes) {}

void MboxSplitter::feed(std::string_view bytes) {
  pending_.append(bytes);
  if (!started_ && pending_.size() >= 3) {
    if (pending_.compare(0, 3, "\xEF\xBB\xBF") == 0) pending_.erase(0, 3);
    started_ = true;
  }
  // Every complete line whose next line is complete too (a separator needs it).
  std::size_t pos = 0;
  for (;;) {
    const std::size_t nl = pending_.find('\n', pos);
    if (nl == std::string::npos) break;
    const std::size_t nl2 = pending_.find('\n', nl + 1);
    if (nl2 == std::string::npos) break;
    line(std::string_view(pending_).substr(pos, nl + 1 - pos),
         std::string_view(pending_).substr(nl + 1, nl2 - nl - 1));
    pos = nl + 1;
  }
  pending_.erase(0, pos);
}

void MboxSplitter::finish() {
  started_ = true;
  std::size_t pos = 0;
  while (pos < pending_.size()) {
    const std::size_t nl = pending_.find('\n', pos);
    const std::size_t end = nl == std::string::npos ? pending_.size() : nl + 1;
    std::string_view next;
    if (end < pending_.size()) {
      const std::size_t nl2 = pending_.find('\n', end);
      next = std::string_view(pending_).substr(
          end, (nl2 == std::string::npos ? pending_.size() : nl2) - end);
    }
    line(std::string_view(pending_).substr(pos, end - pos), next);
    pos = end;
  }
  pending_.clear();
  emit();
}

void MboxSplitter::line(std::string_view line, std::string_view next) {
  ++line_no_;
  std::string_view content = line;
  if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
  const bool separator =
      content.substr(0, 5) == "From " && (line_no_ == 1 || is_mbox_separator(content, next));
  if (separator) {
    emit();
    in_message_ = true;
    ++number_;
    first_line_ = line_no_;
    return;
  }
  if (!in_message_) return;
  if (current_.size() > max_) {
    oversized_ = true;  // counted, not kept
    return;
  }
  std::size_t gt = 0;
  while (gt < line.size() && line[gt] == '>') ++gt;
  current_.append(gt > 0 && line.substr(gt, 5) == "From " ? line.substr(1) : line);
}

void MboxSplitter::emit() {
  if (!in_message_) return;
  // The blank line before the next separator belongs to the format, not the message.
  if (current_.size() >= 2 && current_.compare(current_.size() - 2, 2, "\n\n") == 0) {
    current_.pop_back();
  } else if (current_.size() >= 4 && current_.compare(current_.size() - 4, 4, "\r\n\r\n") == 0) {
    current_.resize(current_.size() - 2);
  }
  fn_(number_, first_line_,
      oversized_ ? std::nullopt : std::optional<std::string>(std::move(current_)));
  current_.clear();
  oversized_ = false;
  in_message_ = false;
}

void for_each_mbox_message(std::string_view bytes,
                           const std::function<void(std::size_t, std::size_t, std::string)>& fn) {
  MboxSplitter splitter([&](std::size_t number, std::size_t line, std::optional<std::string> m) {
    fn(number, line, m ? std::move(*m) : std::string());
  });
  splitter.feed(bytes);
  splitter.finish();
}

MboxReader::MboxReader(std::string source, const InputSink& sink, std::size_t max_message_bytes)
    : source_(std::move(source)),
      sink_(sink),
      max_(max_message_bytes),
      splitter_(
          [this](std::size_t number, std::size_t line, std::optional<std::string> message) {
            read_message(number, line, std::move(message));
          },
          max_message_bytes) {}

void MboxReader::read_message(std::size_t number, std::size_t line,
                              std::optional<std::string> message) {
  ++count_;
  const std::string where =
      "message " + std::to_string(number) + " (line " + std::to_string(line) + "): ";
  if (!message) {
    sink_.error(
        {source_, number,
         where + "larger than the " + std::to_string(max_ >> 20) + " MiB limit (see --max-size)"});
    return;
  }
  MimeMessage m;
  std::string error;
  if (!read_mime_message(source_, *message, {false}, &m, &error)) {
    sink_.error({source_, number, where + error});
    return;
  }
  m.draft.record = number;
  m.draft.id = m.message_id.empty() ? "message " + std::to_string(number) : m.message_id;
  m.draft.position_prefix = "body";
  sink_.draft(std::move(m.draft));
}

void MboxReader::finish() {
  splitter_.finish();
  if (count_ == 0)
    sink_.error({source_, 0, "not an mbox archive: no \"From \" separator line at the start"});
}

void read_mbox(const std::string& source, std::string_view bytes, const InputSink& sink) {
  MboxReader reader(source, sink);
  reader.feed(bytes);
  reader.finish();
}

}  // namespace escalint
