#include "herlens/exports/xml.hpp"

#include "herlens/report/html.hpp"

namespace herlens::exports {

std::string xml_escape(std::string_view text) {
  std::string allowed(text);
  for (char& c : allowed)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
  return report::html_escape(allowed);
}

}  // namespace herlens::exports
