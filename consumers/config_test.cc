// Unit tests of the service's command-line level parsing: roles and pass-through settings.
#include <gtest/gtest.h>

#include "consumers/kafka_common.h"
#include "consumers/service.h"
#include "tests/support/assert_ok.h"

namespace cjl::consumers {
namespace {

TEST(ParseRolesTest, DefaultIsEveryRole) {
  auto r = ParseRoles({});
  ASSERT_OK(r);
  EXPECT_TRUE(r->ingest && r->relay && r->projector);
}

TEST(ParseRolesTest, AcceptsRepeatedAndCommaSeparatedRoles) {
  auto r = ParseRoles({"ingest,relay"});
  ASSERT_OK(r);
  EXPECT_TRUE(r->ingest && r->relay);
  EXPECT_FALSE(r->projector);
  auto p = ParseRoles({"projector", "relay"});
  ASSERT_OK(p);
  EXPECT_TRUE(p->projector && p->relay);
  EXPECT_FALSE(p->ingest);
}

TEST(ParseRolesTest, RejectsAnUnknownRoleByName) {
  auto r = ParseRoles({"ingest,projecter"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message().find("projecter"), std::string::npos);
}

TEST(KafkaConfigTest, ParsesKeyValueKeepingEqualsInTheValue) {
  auto kv = ParseConfigPair("sasl.jaas.config=a=b");
  ASSERT_OK(kv);
  EXPECT_EQ(kv->first, "sasl.jaas.config");
  EXPECT_EQ(kv->second, "a=b");
  EXPECT_FALSE(ParseConfigPair("novalue").ok());
  EXPECT_FALSE(ParseConfigPair("=x").ok());
}

TEST(KafkaConfigTest, UnknownLibrdkafkaPropertyIsInvalidInput) {
  auto conf = MakeConf({"127.0.0.1:1", {{"no.such.property", "1"}}}, {});
  ASSERT_FALSE(conf.ok());
  EXPECT_EQ(conf.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(conf.error().message().find("no.such.property"), std::string::npos);
}

TEST(KafkaConfigTest, PassThroughSettingsAreApplied) {
  auto conf = MakeConf({"127.0.0.1:1", {{"security.protocol", "ssl"}}}, {});
  ASSERT_OK(conf);
  char value[64];
  size_t size = sizeof value;
  ASSERT_EQ(rd_kafka_conf_get(conf->get(), "security.protocol", value, &size), RD_KAFKA_CONF_OK);
  EXPECT_STREQ(value, "ssl");
}

}  // namespace
}  // namespace cjl::consumers
