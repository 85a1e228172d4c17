#include "consumers/embedded_kafka.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>

#include "consumers/kafka_common.h"

namespace cjl::consumers {

struct EmbeddedKafka::Handle {
  KafkaHandle rk;  // the mock cluster lives on this handle's threads
};

std::vector<TopicSpec> ServiceTopics(int event_partitions) {
  return {{kIngestTopic, 3}, {kRejectedTopic, 1}, {kEventsTopic, event_partitions}};
}

Result<std::unique_ptr<EmbeddedKafka>> EmbeddedKafka::Start(int brokers,
                                                            const std::vector<TopicSpec>& topics) {
  KafkaConf conf(rd_kafka_conf_new());
  char err[512];
  // No bootstrap: this handle only hosts the cluster.
  rd_kafka_conf_set(conf.get(), "log_level", "3", err, sizeof err);
  auto rk = MakeClient(RD_KAFKA_PRODUCER, std::move(conf));
  if (!rk.ok()) return rk.error();
  std::unique_ptr<EmbeddedKafka> kafka(new EmbeddedKafka());
  kafka->handle_ = std::make_unique<Handle>();
  kafka->handle_->rk = std::move(rk.value());
  kafka->cluster_ = rd_kafka_mock_cluster_new(kafka->handle_->rk.get(), brokers);
  if (kafka->cluster_ == nullptr) {
    return Error(ErrorCode::kUnavailable, "embedded kafka: mock cluster did not start");
  }
  kafka->brokers_ = brokers;
  kafka->bootstrap_ = rd_kafka_mock_cluster_bootstraps(kafka->cluster_);
  for (const TopicSpec& t : topics) {
    if (Status s = kafka->CreateTopic(t); !s.ok()) return s.error();
  }
  return kafka;
}

EmbeddedKafka::~EmbeddedKafka() {
  if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
}

Status EmbeddedKafka::CreateTopic(const TopicSpec& topic) {
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster_, topic.name.c_str(),
                                                       topic.partitions, std::min(brokers_, 3));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("create topic " + topic.name, err);
  // The mock picks each partition's leader at random: with 6 partitions on 3 brokers one
  // broker leads none about one time in eleven, and taking it down changes nothing.
  // Leadership is spread evenly instead, so every broker leads some partitions.
  for (int p = 0; p < topic.partitions; ++p) {
    err = rd_kafka_mock_partition_set_leader(cluster_, topic.name.c_str(), p, p % brokers_ + 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("lead topic " + topic.name, err);
  }
  return Status::Ok();
}

Status EmbeddedKafka::SetBrokerDown(int broker_id) {
  rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_down(cluster_, broker_id);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("broker down", err);
  return Status::Ok();
}

Status EmbeddedKafka::SetBrokerUp(int broker_id) {
  rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_up(cluster_, broker_id);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("broker up", err);
  return Status::Ok();
}

void EmbeddedKafka::PushRequestErrors(int api_key, const std::vector<int>& errors) {
  std::vector<rd_kafka_resp_err_t> errs;
  for (int e : errors) errs.push_back(static_cast<rd_kafka_resp_err_t>(e));
  rd_kafka_mock_push_request_errors_array(cluster_, static_cast<int16_t>(api_key), errs.size(),
                                          errs.data());
}

}  // namespace cjl::consumers
