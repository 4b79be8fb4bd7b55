// Turns inputs (paths, folders, standard input) into drafts or error records. Every
// input yields at least one of the two; one bad input never stops the others.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "input/draft.h"

namespace escalint {

struct ReadOptions {
  bool recursive = false;                  // walk folders
  std::size_t max_bytes = 64u << 20;       // larger inputs are an error, not a crash
};

// Called once per draft or error, in input order.
struct InputSink {
  std::function<void(Draft)> draft;
  std::function<void(InputError)> error;
};

// Reads `inputs` ("-" is standard input). Folders are walked (sorted) when
// `options.recursive`, taking the files whose extension a reader knows.
void read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options, const InputSink& sink);

// Reads one file's bytes as drafts (the reader chosen by extension and content).
void read_bytes(const std::string& source, std::string bytes, const InputSink& sink);

}  // namespace escalint
