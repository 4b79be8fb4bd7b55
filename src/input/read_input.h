// Turns inputs (paths, folders, standard input) into drafts or error records. Every
// input yields at least one of the two; one bad input never stops the others.
//
// Formats (input_format.h): plain text, Markdown, MIME mail (.eml), mbox, HTML, ticket
// JSON (Zendesk, Jira, or records), JSONL and CSV. The format comes from
// ReadOptions::format, else the file's extension, else its content (sniffing).
// Standard input ("-") is sniffed like a file without an extension.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "input/draft.h"
#include "input/input_format.h"

namespace escalint {

// Which fields of a JSON/JSONL/CSV record hold what (--id-field and friends). JSON
// paths may be dotted ("fields.summary"); CSV names a header column. Empty: defaults
// (see ticket_fields.h).
struct FieldMapping {
  std::string id, subject, body, date;
  bool empty() const { return id.empty() && subject.empty() && body.empty() && date.empty(); }
};

struct ReadOptions {
  bool recursive = false;                   // walk folders
  std::size_t max_bytes = 64u << 20;        // larger inputs are an error, not a crash; JSONL
                                            // streams, and the limit applies to each line
  InputFormat format = InputFormat::kAuto;  // --input-format: every input is read as this
  FieldMapping fields;                      // for JSON, JSONL and CSV records
};

// Called once per draft or error, in input order.
struct InputSink {
  std::function<void(Draft)> draft;
  std::function<void(InputError)> error;
};

// Reads `inputs` ("-" is standard input). Folders are walked (sorted) when
// `options.recursive`, taking the files whose extension a reader knows
// (.txt .md .markdown .text .eml .mbox .json .jsonl .ndjson .csv .html .htm). A JSON,
// JSONL or CSV file none of whose records has a text field is not a ticket file: a
// folder walk skips it (e.g. corpus/labels.jsonl), and a file named explicitly gives
// one error for the whole file rather than one per record.
void read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                 const InputSink& sink);

// Reads one input's bytes as drafts, with the reader `options.format` names, or the one
// chosen by `source`'s extension and the bytes' content.
void read_bytes(const std::string& source, std::string bytes, const InputSink& sink);
void read_bytes(const std::string& source, std::string bytes, const InputSink& sink,
                const ReadOptions& options);

}  // namespace escalint
