// libFuzzer target for one input reader, chosen at build time (see src/CMakeLists.txt,
// -DESCALINT_FUZZ=ON with clang; bench/fuzz.sh runs them): fuzz_mime, fuzz_mbox,
// fuzz_html, fuzz_json (ticket JSON), fuzz_jsonl and fuzz_csv. Each input must give
// drafts or errors, never a crash, a hang or a sanitizer report; every input gives at
// least one draft or error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "input/charset.h"
#include "input/csv_reader.h"
#include "input/html_to_text.h"
#include "input/jsonl_reader.h"
#include "input/mbox_reader.h"
#include "input/mime_reader.h"
#include "input/read_input.h"
#include "input/ticket_json_reader.h"
#include "input/ticket_json_stream.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace escalint;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::size_t outputs = 0;
  const InputSink sink{[&](Draft d) {
                         ++outputs;
                         check(!d.source.empty());
                       },
                       [&](InputError e) {
                         ++outputs;
                         check(!e.message.empty());
                       }};
#if defined(ESCALINT_FUZZ_READER_mime)
  MimeMessage m;
  std::string error;
  if (!read_mime_message("fuzz.eml", bytes, {}, &m, &error)) check(!error.empty());
#elif defined(ESCALINT_FUZZ_READER_mbox)
  read_mbox("fuzz.mbox", bytes, sink);
  check(outputs > 0);
  // Fed in pieces, the archive gives the same number of drafts and errors.
  const std::size_t whole = outputs;
  outputs = 0;
  MboxReader reader("fuzz.mbox", sink);
  const std::size_t step = size > 0 ? 1 + data[0] % 61 : 1;
  for (std::size_t pos = 0; pos < size; pos += step) {
    reader.feed(std::string_view(bytes).substr(pos, step));
  }
  reader.finish();
  check(outputs == whole);
#elif defined(ESCALINT_FUZZ_READER_html)
  check(is_valid_utf8(
      html_to_text(decode_to_utf8(bytes, html_declared_charset(bytes), "the HTML").text)));
#elif defined(ESCALINT_FUZZ_READER_json)
  read_ticket_json("fuzz.json", bytes, {}, sink);
  check(outputs > 0);
  // And streamed in pieces (with a small limit per ticket, to reach that path too).
  outputs = 0;
  TicketJsonStream stream("fuzz.json", {}, sink, 4096);
  const std::size_t step = size > 0 ? 1 + data[0] % 61 : 1;
  for (std::size_t pos = 0; pos < size; pos += step) {
    stream.feed(std::string_view(bytes).substr(pos, step));
  }
  stream.finish();
  check(outputs > 0);
#elif defined(ESCALINT_FUZZ_READER_jsonl)
  read_jsonl("fuzz.jsonl", bytes, {}, sink);
  check(outputs > 0);
#elif defined(ESCALINT_FUZZ_READER_csv)
  read_csv("fuzz.csv", bytes, {}, sink);
  check(outputs > 0);
#else
#error "define ESCALINT_FUZZ_READER_<reader>"
#endif
  // And the dispatcher, with detection, on the same bytes.
  read_bytes("fuzz", bytes, sink);
  return 0;
}
