#include "imap/dates.h"

#include <cstdio>
#include <ctime>

namespace politeno::imap {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string search_date(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d-%s-%04d", tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900);
  return buf;
}

std::optional<int64_t> parse_internaldate(std::string_view s) {
  const std::string text(s.substr(0, 64));
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0, zone = 0;
  char mon[4] = {};
  char sign = '+';
  if (std::sscanf(text.c_str(), " %d-%3s-%d %d:%d:%d %c%d", &day, mon, &year, &hh, &mm, &ss, &sign, &zone) != 8)
    return std::nullopt;
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (std::string_view(mon) == kMonths[i]) month = i;
  if (month < 0 || day < 1 || day > 31 || year < 1970 || year > 9999 || hh > 23 || mm > 59 || ss > 60 ||
      (sign != '+' && sign != '-') || zone < 0 || zone > 9959)
    return std::nullopt;
  const auto days = std::chrono::sys_days(std::chrono::year(year) / (month + 1) / day).time_since_epoch().count();
  const int64_t offset = (zone / 100 * 3600 + zone % 100 * 60) * (sign == '-' ? -1 : 1);
  return int64_t{days} * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

}  // namespace politeno::imap
