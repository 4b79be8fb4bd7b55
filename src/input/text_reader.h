// Plain text and Markdown drafts: the file's bytes are the body, so positions are the
// file's own. A first line "Subject: ..." stays in the body; region detection treats it
// as the subject (and as context when it is a reply's "Re: ...").
#pragma once

#include <string>

#include "input/draft.h"

namespace escalint {

// UTF-16 with a byte-order mark is decoded; other bytes are kept as they are
// (text preparation repairs invalid UTF-8 and says so).
Draft read_text_draft(const std::string& source, std::string bytes);

}  // namespace escalint
