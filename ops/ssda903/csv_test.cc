// The CSV reader and writer.
#include "ops/ssda903/csv.h"

#include <gtest/gtest.h>

#include "ops/ssda903/test_files.h"
#include "tests/support/assert_ok.h"
#include "tests/support/temp_dir.h"

namespace cjl::ssda903 {
namespace {

TEST(CsvTest, ParsesQuotesCrLfBomAndBlankLines) {
  auto t = ParseCsv(
      "\xEF\xBB\xBF"
      "Child , Dob\r\n C1 ,\"a, \"\"b\"\"\"\r\n\r\nC2,\"two\nlines\"\nC3,x");
  ASSERT_OK(t);
  EXPECT_EQ(t->Column("CHILD"), 0);
  EXPECT_EQ(t->Column("dob"), 1);
  EXPECT_EQ(t->Column("REC"), -1);
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"C1", "a, \"b\""}));
  EXPECT_EQ(t->rows[1][1], "two\nlines");
  EXPECT_EQ(t->lines, (std::vector<std::size_t>{2, 4, 6}));
}

TEST(CsvTest, UnterminatedQuoteNamesItsLine) {
  auto t = ParseCsv("A,B\n1,2\n3,\"oops\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message().find("line 3"), std::string::npos) << t.error().message();
}

TEST(CsvTest, WriterQuotesOnlyWhatNeedsIt) {
  cjl::testing::TempDir dir;
  CsvWriter w;
  ASSERT_OK(w.Open(dir.Sub("x.csv"), {"A", "B"}));
  w.Row({"plain", "with,comma"});
  w.Row({"say \"hi\"", ""});
  ASSERT_OK(w.Close());
  EXPECT_EQ(testing::ReadText(dir.Sub("x.csv")),
            "A,B\nplain,\"with,comma\"\n\"say \"\"hi\"\"\",\n");
  auto back = ReadCsvFile(dir.Sub("x.csv"));
  ASSERT_OK(back);
  EXPECT_EQ(back->rows[1][0], "say \"hi\"");
}

TEST(CsvTest, DatesInBothFormats) {
  EXPECT_EQ(Parse903Date("05/04/2021"), MakeDate(2021, 4, 5));
  EXPECT_EQ(Parse903Date("2021-04-05"), MakeDate(2021, 4, 5));
  EXPECT_FALSE(Parse903Date("31/02/2021"));
  EXPECT_FALSE(Parse903Date("5/4/2021"));
  EXPECT_EQ(Format903Date(MakeDate(2021, 4, 5)), "05/04/2021");
}

}  // namespace
}  // namespace cjl::ssda903
