// Boost.Asio with C++20 coroutines, as politeno uses it. Boost 1.74's awaitable.hpp
// uses std::exchange without including <utility>; include it first.
#pragma once

#include <utility>

#include <boost/asio.hpp>

namespace politeno {
namespace asio = boost::asio;
template <typename T>
using awaitable = boost::asio::awaitable<T>;
using boost::asio::use_awaitable;
}  // namespace politeno
