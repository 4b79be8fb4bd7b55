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

void for_each_mbox_message(std::string_view bytes,
                           const std::function<void(std::size_t, std::size_t, std::string)>& fn) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::size_t number = 0, first_line = 0, line_no = 0;
  std::string current;
  bool in_message = false;
  std::size_t pos = 0;
  auto emit = [&] {
    if (!in_message) return;
    // The blank line before the next separator belongs to the format, not the message.
    if (current.size() >= 2 && current.compare(current.size() - 2, 2, "\n\n") == 0) {
      current.pop_back();
    } else if (current.size() >= 4 && current.compare(current.size() - 4, 4, "\r\n\r\n") == 0) {
      current.resize(current.size() - 2);
    }
    fn(number, first_line, std::move(current));
    current.clear();
  };
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl + 1;
    std::string_view line = bytes.substr(pos, end - pos);
    ++line_no;
    std::string_view content = line;
    if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
    std::string_view next;
    if (end < bytes.size()) {
      const std::size_t nl2 = bytes.find('\n', end);
      next = bytes.substr(end, (nl2 == std::string_view::npos ? bytes.size() : nl2) - end);
    }
    const bool separator =
        content.substr(0, 5) == "From " && (line_no == 1 || is_mbox_separator(content, next));
    if (separator) {
      emit();
      in_message = true;
      ++number;
      first_line = line_no;
    } else if (in_message) {
      std::size_t gt = 0;
      while (gt < line.size() && line[gt] == '>') ++gt;
      if (gt > 0 && line.substr(gt, 5) == "From ") {
        current.append(line.substr(1));
      } else {
        current.append(line);
      }
    }
    pos = end;
  }
  emit();
}

void read_mbox(const std::string& source, std::string_view bytes, const InputSink& sink) {
  std::size_t count = 0;
  for_each_mbox_message(bytes, [&](std::size_t number, std::size_t line, std::string message) {
    ++count;
    MimeMessage m;
    std::string error;
    if (!read_mime_message(source, message, {false}, &m, &error)) {
      sink.error(
          {source, number,
           "message " + std::to_string(number) + " (line " + std::to_string(line) + "): " + error});
      return;
    }
    m.draft.record = number;
    m.draft.id = m.message_id.empty() ? "message " + std::to_string(number) : m.message_id;
    m.draft.position_prefix = "body";
    sink.draft(std::move(m.draft));
  });
  if (count == 0)
    sink.error({source, 0, "not an mbox archive: no \"From \" separator line at the start"});
}

}  // namespace escalint
