// JSON with two-space indentation, for files people open (summary.json). Arrays of
// scalars stay on one line.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace escalint {

std::string pretty_json(const boost::json::value& value);

}  // namespace escalint
