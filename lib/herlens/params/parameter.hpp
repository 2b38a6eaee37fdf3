#pragma once
// Options as data, as FFmpeg's AVOption tables are: a parameter struct lists its members once,
// each with its name, help, range and the command-line flag that sets it. The one table validates
// the values, binds the command line (cli/parameters.hpp) and records what a run used in its
// summary's provenance, so a range is never written twice.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/error.hpp"

namespace herlens::params {

template <typename Params>
struct Parameter {
  Parameter(std::string_view name, std::string_view flag, std::string_view help, double Params::*field, double low,
            double high)
      : name(name), flag(flag), help(help), real(field), low(low), high(high) {}
  Parameter(std::string_view name, std::string_view flag, std::string_view help, int Params::*field, double low,
            double high)
      : name(name), flag(flag), help(help), whole(field), low(low), high(high) {}

  std::string_view name;  // in messages and provenance: "min_cut_score"
  std::string_view flag;  // CLI11 names that set it ("--min-cut-score", "-k,--colours"); empty: not offered
  std::string_view help;
  double Params::*real = nullptr;  // the member it sets: a real number ...
  int Params::*whole = nullptr;    // ... or a whole one
  double low = 0, high = 0;        // the accepted range, both ends included

  double value(const Params& params) const { return real ? params.*real : params.*whole; }
};

template <typename Params>
struct Table {
  std::string_view owner;  // what the parameters configure: "shot detector"
  std::vector<Parameter<Params>> parameters;
};

// One parameter's value as a run used it.
struct Value {
  std::string name;
  double value = 0;
  bool integer = false;  // the parameter holds whole numbers
};

// The values of one parameter struct, under its owner's name.
struct Group {
  std::string owner;
  std::vector<Value> values;
};

// Throws Error(usage) "<owner>: <name> must be low..high, not <value>" for the first value out of
// range (NaN included).
template <typename Params>
void check(const Params& params, const Table<Params>& table) {
  for (const Parameter<Params>& p : table.parameters) check_range(table.owner, p.name, p.value(params), p.low, p.high);
}

template <typename Params>
Group values(const Params& params, const Table<Params>& table) {
  Group group{std::string(table.owner), {}};
  for (const Parameter<Params>& p : table.parameters)
    group.values.push_back({std::string(p.name), p.value(params), p.whole != nullptr});
  return group;
}

}  // namespace herlens::params
