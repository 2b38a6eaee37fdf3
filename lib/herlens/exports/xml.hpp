#pragma once
// What the XML exports (FCPXML, EAF) share.
#include <string>
#include <string_view>

namespace herlens::exports {

// Text for XML content and attribute values: markup characters escaped, and the control characters
// XML 1.0 does not allow (a file name may hold them) replaced by a space.
std::string xml_escape(std::string_view text);

}  // namespace herlens::exports
