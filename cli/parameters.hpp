#pragma once
// Binds a parameter struct's table (params/parameter.hpp) to a subcommand: every parameter with a
// flag becomes an option with its help, its default and the table's range, so the command line
// accepts exactly what validation does.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#include <CLI/CLI.hpp>

#include "herlens/params/parameter.hpp"

namespace herlens::cli {

// `only`: the names of the parameters to offer; empty: every one with a flag.
template <typename Params>
void bind_parameters(CLI::App& command, Params& params, std::initializer_list<std::string_view> only = {}) {
  for (const params::Parameter<Params>& parameter : Params::table().parameters) {
    if (parameter.flag.empty()) continue;
    if (only.size() > 0 && std::find(only.begin(), only.end(), parameter.name) == only.end()) continue;
    const auto bind = [&](auto& value) {
      using Value = std::remove_reference_t<decltype(value)>;
      command.add_option(std::string(parameter.flag), value, std::string(parameter.help))
          ->check(CLI::Range(static_cast<Value>(parameter.low), static_cast<Value>(parameter.high)))
          ->capture_default_str();
    };
    if (parameter.real) bind(params.*parameter.real);
    else bind(params.*parameter.whole);
  }
}

}  // namespace herlens::cli
