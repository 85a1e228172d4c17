// ASSERT_OK / EXPECT_OK for Result and Status, printing the error on failure.
#pragma once

#include <gtest/gtest.h>

#define ASSERT_OK(expr)                                                     \
  do {                                                                      \
    const auto& cjl_r_ = (expr);                                            \
    ASSERT_TRUE(cjl_r_.ok()) << #expr << ": " << cjl_r_.error().ToString(); \
  } while (0)
#define EXPECT_OK(expr)                                                     \
  do {                                                                      \
    const auto& cjl_r_ = (expr);                                            \
    EXPECT_TRUE(cjl_r_.ok()) << #expr << ": " << cjl_r_.error().ToString(); \
  } while (0)
