#pragma once

#include <string>
#include <string_view>

namespace rejectscope {

// True when every byte of `text` is ASCII (then it is valid UTF-8, and so is any part of it).
bool isAscii(std::string_view text);

// True when `text` is valid UTF-8. Log content is bytes; anything stored or shown
// as text must be valid UTF-8 first.
bool isValidUtf8(std::string_view text);

// `text` itself when valid UTF-8, else a copy in `scratch` with each invalid byte
// replaced by U+FFFD; the returned view points into `text` or `scratch`.
std::string_view validUtf8(std::string_view text, std::string &scratch);

} // namespace rejectscope
