#include "input/read_input.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>

#include "input/charset.h"
#include "input/csv_reader.h"
#include "input/html_to_text.h"
#include "input/jsonl_reader.h"
#include "input/mbox_reader.h"
#include "input/mime_reader.h"
#include "input/text_reader.h"
#include "input/ticket_json_reader.h"
#include "input/ticket_json_stream.h"
#include "text/utf8.h"

namespace escalint {

namespace fs = std::filesystem;

namespace {

std::string human_size(std::size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

// Reads at most max_bytes + 1 bytes, so an oversized input is detected without
// reading all of it.
bool read_capped(std::istream& in, std::size_t max_bytes, std::string* out) {
  out->clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out->append(buf, static_cast<std::size_t>(in.gcount()));
    if (out->size() > max_bytes) return false;
  }
  return true;
}

void read_any(const std::string& source, std::string bytes, const InputSink& sink,
              const ReadOptions& options, bool walked);

void stream_jsonl(const std::string& source, std::string head, std::istream& in,
                  const ReadOptions& options, const InputSink& sink, bool walked);

void stream_csv(const std::string& source, std::string head, std::istream& in,
                const ReadOptions& options, const InputSink& sink, bool walked);
void stream_ticket_json(const std::string& source, std::string head, std::istream& in,
                        const ReadOptions& options, const InputSink& sink, bool walked);
bool stream_records(const std::string& source, InputFormat format, std::string head,
                    std::istream& in, const ReadOptions& options, const InputSink& sink,
                    bool walked);

// An mbox archive streams in blocks, whatever its size: the limit applies to each message.
void stream_mbox(const std::string& source, std::string head, std::istream& in,
                 const ReadOptions& options, const InputSink& sink) {
  MboxReader reader(source, sink, options.max_bytes);
  char buf[1 << 16];
  try {
    reader.feed(head);
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      reader.feed(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) sink.error({source, 0, "read error"});
    reader.finish();
  } catch (const std::exception& e) {
    sink.error({source, 0, std::string("cannot read as mbox: ") + e.what()});
  }
}

void read_file(const std::string& path, const ReadOptions& options, const InputSink& sink,
               bool walked = false) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    sink.error({path, 0, "no such file"});
    return;
  }
  if (fs::is_directory(status)) {
    if (!options.recursive) {
      sink.error({path, 0, "is a folder (use --recursive to check every draft in it)"});
      return;
    }
    std::vector<std::string> files;
    for (fs::recursive_directory_iterator
             it(path, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file() && known_extension(it->path().extension().string())) {
        files.push_back(it->path().string());
      }
    }
    if (ec) sink.error({path, 0, "cannot walk the folder: " + ec.message()});
    std::sort(files.begin(), files.end());
    if (files.empty() && !ec) {
      sink.error(
          {path, 0,
           "the folder holds no drafts (.txt .md .eml .mbox .json .jsonl .ndjson .csv .html)"});
    }
    for (const std::string& f : files) read_file(f, options, sink, true);
    return;
  }
  if (!fs::is_regular_file(status)) {
    sink.error({path, 0, "not a regular file"});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.error({path, 0, std::string("cannot open: ") + std::strerror(errno)});
    return;
  }
  const InputFormat declared = options.format != InputFormat::kAuto
                                   ? options.format
                                   : format_for_extension(fs::path(path).extension().string());
  if (stream_records(path, declared, "", in, options, sink, walked)) return;
  std::string bytes;
  if (!read_capped(in, options.max_bytes, &bytes)) {
    sink.error(
        {path, 0, "larger than the " + human_size(options.max_bytes) + " limit (see --max-size)"});
    return;
  }
  if (in.bad()) {
    sink.error({path, 0, "read error"});
    return;
  }
  read_any(path, std::move(bytes), sink, options, walked);
}

bool no_text_field(const InputError& e) {
  return e.message.find("no body field") != std::string::npos ||
         e.message.find("no body column") != std::string::npos;
}

// JSON, JSONL and CSV files whose records have no text field at all are not tickets
// (e.g. a labels.jsonl next to the drafts): one error for the file instead of one per
// record, and nothing at all in a folder walk. Errors are held back only until the
// first draft, so large exports still stream.
class TicketFileSink {
 public:
  TicketFileSink(const std::string& source, const InputSink& out, bool walked)
      : source_(source), out_(out), walked_(walked) {}
  InputSink sink() {
    return {[this](Draft d) {
              release();
              out_.draft(std::move(d));
            },
            [this](InputError e) {
              if (drafts_seen_) return out_.error(std::move(e));
              held_.push_back(std::move(e));
            }};
  }
  void finish() {
    if (drafts_seen_ || held_.empty()) return;
    const bool all_fieldless = std::all_of(held_.begin(), held_.end(), no_text_field);
    if (!all_fieldless) return release();
    if (walked_) return;  // not a ticket file
    if (held_.size() == 1) return release();
    out_.error({source_, 0,
                "none of its " + std::to_string(held_.size()) + " records has a text field; " +
                    held_.front().message.substr(held_.front().message.find("no body"))});
  }

 private:
  void release() {
    drafts_seen_ = true;
    for (InputError& e : held_) out_.error(std::move(e));
    held_.clear();
  }
  std::string source_;
  const InputSink& out_;
  bool walked_;
  bool drafts_seen_ = false;
  std::vector<InputError> held_;
};

// Reads `in` after `head` in blocks and hands on whole records: `complete(text)` is the
// length of the whole records at the start of `text`, `feed` takes them (and at the end
// what is left), `oversized` hears of a record longer than `max_bytes`, which is then
// skipped to the next line end. Memory: one block and the longest record.
void stream_whole_records(std::string head, std::istream& in, std::size_t max_bytes,
                          const std::function<std::size_t(std::string_view)>& complete,
                          const std::function<void(std::string_view)>& feed,
                          const std::function<void()>& oversized) {
  std::string pending = std::move(head);
  bool skipping = false;  // inside a record longer than the limit, already reported
  char buf[1 << 16];
  for (;;) {
    if (skipping) {
      const std::size_t nl = pending.find('\n');
      skipping = nl == std::string::npos;
      pending.erase(0, skipping ? pending.size() : nl + 1);
    }
    if (!skipping) {
      const std::size_t end = complete(pending);
      if (end > 0) {
        feed(std::string_view(pending).substr(0, end));
        pending.erase(0, end);
      } else if (pending.size() > max_bytes) {
        oversized();
        skipping = true;
        pending.clear();
      }
    }
    if (!in.read(buf, sizeof buf) && in.gcount() == 0) break;
    pending.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (!skipping && !pending.empty()) feed(pending);
}

// JSONL streams in blocks, whatever the input's size: the limit applies to each line.
// `head` holds bytes already read from the start of `in`.
void stream_jsonl(const std::string& source, std::string head, std::istream& in,
                  const ReadOptions& options, const InputSink& sink, bool walked) {
  TicketFileSink tickets(source, sink, walked);
  const InputSink s = tickets.sink();
  JsonlReader reader(source, options.fields, s);
  try {
    stream_whole_records(
        std::move(head), in, options.max_bytes,
        [](std::string_view text) {
          const std::size_t nl = text.rfind('\n');
          return nl == std::string_view::npos ? 0 : nl + 1;
        },
        [&](std::string_view lines) { reader.feed(lines); },
        [&] { reader.oversized_line(options.max_bytes); });
    if (in.bad()) s.error({source, 0, "read error"});
    reader.finish();
  } catch (const std::exception& e) {
    s.error({source, 0, std::string("cannot read as jsonl: ") + e.what()});
  }
  tickets.finish();
}

// CSV streams in blocks of whole records, whatever its size: the limit applies to each
// record. Each block is decoded on its own, later blocks in the charset of the first
// one that was not plain ASCII; UTF-16 (no byte-wise line ends) is read whole.
void stream_csv(const std::string& source, std::string head, std::istream& in,
                const ReadOptions& options, const InputSink& sink, bool walked) {
  std::string pending = std::move(head);
  char buf[1 << 16];
  if (in.read(buf, sizeof buf) || in.gcount() > 0) {
    pending.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (pending.size() >= 2 && ((pending[0] == '\xFF' && pending[1] == '\xFE') ||
                              (pending[0] == '\xFE' && pending[1] == '\xFF'))) {
    std::string rest;
    if (pending.size() > options.max_bytes ||
        !read_capped(in, options.max_bytes - pending.size(), &rest)) {
      sink.error({source, 0,
                  "larger than the " + human_size(options.max_bytes) + " limit (see --max-size)"});
      return;
    }
    return read_any(source, pending + rest, sink, options, walked);
  }
  TicketFileSink tickets(source, sink, walked);
  const InputSink s = tickets.sink();
  CsvReader reader(source, options.fields, s);
  std::string charset;
  auto feed = [&](std::string_view bytes) {
    const DecodedText d = decode_to_utf8(bytes, charset, "the CSV file");
    if (charset.empty() && d.charset != "us-ascii") charset = d.charset;
    reader.feed(d.text, d.notices);
  };
  try {
    stream_whole_records(std::move(pending), in, options.max_bytes, csv_complete_prefix, feed,
                         [&] { reader.oversized_record(options.max_bytes); });
    if (in.bad()) s.error({source, 0, "read error"});
    reader.finish();
  } catch (const std::exception& e) {
    s.error({source, 0, std::string("cannot read as csv: ") + e.what()});
  }
  tickets.finish();
}

// A ticket JSON document streams in blocks, whatever its size: its list of tickets is
// read one ticket at a time, and the limit applies to each ticket.
void stream_ticket_json(const std::string& source, std::string head, std::istream& in,
                        const ReadOptions& options, const InputSink& sink, bool walked) {
  TicketFileSink tickets(source, sink, walked);
  const InputSink s = tickets.sink();
  TicketJsonStream stream(source, options.fields, s, options.max_bytes);
  char buf[1 << 16];
  try {
    stream.feed(head);
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      stream.feed(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) s.error({source, 0, "read error"});
    stream.finish();
  } catch (const std::exception& e) {
    s.error({source, 0, std::string("cannot read as json: ") + e.what()});
  }
  tickets.finish();
}

// Reads `in` (after `head`, bytes already read from it) with the streaming reader of
// `format`; false, reading nothing, for a format that holds one draft per input.
bool stream_records(const std::string& source, InputFormat format, std::string head,
                    std::istream& in, const ReadOptions& options, const InputSink& sink,
                    bool walked) {
  switch (format) {
    case InputFormat::kJsonl:
      stream_jsonl(source, std::move(head), in, options, sink, walked);
      return true;
    case InputFormat::kMbox:
      stream_mbox(source, std::move(head), in, options, sink);
      return true;
    case InputFormat::kCsv:
      stream_csv(source, std::move(head), in, options, sink, walked);
      return true;
    case InputFormat::kJson:
      stream_ticket_json(source, std::move(head), in, options, sink, walked);
      return true;
    default:
      return false;
  }
}

void read_text(const std::string& source, std::string bytes, const InputSink& sink) {
  const bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                           (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  if (!utf16 && looks_binary(bytes)) {
    sink.error({source, 0, "binary file (a NUL byte in the first 8 KiB), not a draft"});
    return;
  }
  sink.draft(read_text_draft(source, std::move(bytes)));
}

void read_html(const std::string& source, std::string_view bytes, const InputSink& sink) {
  DecodedText d = decode_to_utf8(bytes, html_declared_charset(bytes), "the HTML");
  Draft draft;
  draft.source = source;
  draft.body = html_to_text(d.text);
  draft.position_prefix = "text";
  draft.notices = std::move(d.notices);
  if (draft.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink.error({source, 0, "the HTML holds no text"});
    return;
  }
  sink.draft(std::move(draft));
}

void read_eml(const std::string& source, std::string_view bytes, const InputSink& sink) {
  MimeMessage m;
  std::string error;
  if (!read_mime_message(source, bytes, {}, &m, &error)) {
    sink.error({source, 0, error});
    return;
  }
  sink.draft(std::move(m.draft));
}

}  // namespace

void read_bytes(const std::string& source, std::string bytes, const InputSink& sink) {
  read_bytes(source, std::move(bytes), sink, ReadOptions{});
}

void read_bytes(const std::string& source, std::string bytes, const InputSink& sink,
                const ReadOptions& options) {
  read_any(source, std::move(bytes), sink, options, false);
}

namespace {

void read_any(const std::string& source, std::string bytes, const InputSink& sink,
              const ReadOptions& options, bool walked) {
  if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink.error({source, 0, "empty draft: nothing to check"});
    return;
  }
  InputFormat format = options.format;
  if (format == InputFormat::kAuto)
    format = detect_format(source == "-" ? std::string_view() : source, bytes);
  // A reader's failure (out of memory, a library's exception) is this input's error.
  try {
    switch (format) {
      case InputFormat::kEml:
        read_eml(source, bytes, sink);
        return;
      case InputFormat::kMbox:
        read_mbox(source, bytes, sink);
        return;
      case InputFormat::kHtml:
        read_html(source, bytes, sink);
        return;
      case InputFormat::kJson:
      case InputFormat::kJsonl:
      case InputFormat::kCsv: {
        TicketFileSink tickets(source, sink, walked);
        const InputSink s = tickets.sink();
        if (format == InputFormat::kJson) read_ticket_json(source, bytes, options.fields, s);
        if (format == InputFormat::kJsonl) read_jsonl(source, bytes, options.fields, s);
        if (format == InputFormat::kCsv) read_csv(source, bytes, options.fields, s);
        tickets.finish();
        return;
      }
      case InputFormat::kAuto:
      case InputFormat::kText:
      case InputFormat::kMarkdown:
        read_text(source, std::move(bytes), sink);
        return;
    }
  } catch (const std::exception& e) {
    sink.error(
        {source, 0, std::string("cannot read as ") + input_format_name(format) + ": " + e.what()});
  }
}

}  // namespace

void read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                 const InputSink& sink) {
  for (const std::string& input : inputs) {
    if (input == "-") {
      // The first block says the format; formats of many records stream.
      std::string bytes(std::size_t{1} << 16, '\0');
      std::cin.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      bytes.resize(static_cast<std::size_t>(std::cin.gcount()));
      const InputFormat format =
          options.format != InputFormat::kAuto ? options.format : detect_format("", bytes);
      if (!bytes.empty() && stream_records("-", format, bytes, std::cin, options, sink, false)) {
        continue;
      }
      std::string rest;
      if (bytes.size() > options.max_bytes ||
          !read_capped(std::cin, options.max_bytes - bytes.size(), &rest)) {
        sink.error(
            {"-", 0,
             "standard input is larger than the " + human_size(options.max_bytes) + " limit"});
        continue;
      }
      bytes += rest;
      read_bytes("-", std::move(bytes), sink, options);
    } else {
      read_file(input, options, sink);
    }
  }
}

}  // namespace escalint
