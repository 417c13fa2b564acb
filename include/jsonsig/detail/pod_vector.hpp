// SPDX-License-Identifier: MIT
// A growable array of trivially copyable elements with N of them stored inline, so that
// canonicalising a small API body touches the heap only for its result. Growth doubles and
// copies with memcpy; elements past size() are uninitialised.
#ifndef JSONSIG_DETAIL_POD_VECTOR_HPP
#define JSONSIG_DETAIL_POD_VECTOR_HPP

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>

#include "../config.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {

template <class T, std::size_t N>
class pod_vector {
  static_assert(std::is_trivially_copyable<T>::value, "pod_vector holds trivially copyable types");
  static_assert(N > 0, "pod_vector needs inline room");

 public:
  pod_vector() noexcept = default;
  pod_vector(const pod_vector&) = delete;
  pod_vector& operator=(const pod_vector&) = delete;
  ~pod_vector() { release(); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  void clear() noexcept { size_ = 0; }
  void pop_back() noexcept { --size_; }
  /// Shrinks to n (n <= size()).
  void truncate(std::size_t n) noexcept { size_ = n; }

  void push_back(const T& v) {
    if (JSONSIG_UNLIKELY(size_ == cap_)) grow(size_ + 1);
    data_[size_++] = v;
  }
  /// Makes room for n more elements and returns a pointer to the first of them (uninitialised);
  /// the caller then calls commit(k) for the k <= n it wrote.
  T* reserve_more(std::size_t n) {
    if (JSONSIG_UNLIKELY(cap_ - size_ < n)) grow(size_ + n);
    return data_ + size_;
  }
  void commit(std::size_t n) noexcept { size_ += n; }

 private:
  void grow(std::size_t need) {
    std::size_t cap = cap_ * 2;
    if (cap < need) cap = need;
    // An impossible size saturates, so operator new reports it (std::bad_alloc) like any other
    // failed allocation, with or without exceptions enabled.
    const std::size_t bytes = cap > static_cast<std::size_t>(-1) / sizeof(T)
                                  ? static_cast<std::size_t>(-1)
                                  : cap * sizeof(T);
    T* fresh = static_cast<T*>(::operator new(bytes));
    if (size_ != 0) std::memcpy(static_cast<void*>(fresh), data_, size_ * sizeof(T));
    release();
    data_ = fresh;
    cap_ = cap;
  }
  void release() noexcept {
    if (data_ != inline_) ::operator delete(data_);
  }

  T* data_ = inline_;
  std::size_t size_ = 0;
  std::size_t cap_ = N;
  T inline_[N];
};

}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_POD_VECTOR_HPP
