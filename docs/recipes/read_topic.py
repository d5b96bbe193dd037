#!/usr/bin/env python3
"""Reads one of Contrail's topics in schema-registry mode, with no Contrail code (ADR 0037).

Every record is in the Confluent wire format: the magic byte 0, the 4-byte big-endian id of its writer schema in the
registry, then the Avro binary datum. The script fetches each writer schema once from the registry's
Confluent-compatible API (GET <registry>/schemas/ids/<id>), decodes the datum with the `avro` package and prints one
JSON object per record: {"topic", "partition", "offset", "key", "schema_id", "value"}.

Debian/Ubuntu: apt-get install python3-avro python3-confluent-kafka   (pip: avro confluent-kafka)

    python3 docs/recipes/read_topic.py --bootstrap-servers localhost:9092 \
        --registry http://localhost:8085/apis/ccompat/v7 --topic flight-tracking.events --max-records 10

It reads from the beginning of the topic in a consumer group of its own, committing nothing, and stops after
--max-records records or once nothing new has come for --idle-seconds.
"""
import argparse
import base64
import datetime
import decimal
import io
import json
import struct
import sys
import urllib.request
import uuid

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError


class Registry:
    """The writer schemas, fetched once per id from a Confluent-compatible schema registry."""

    def __init__(self, url):
        self.url = url.rstrip("/")
        self.readers = {}

    def reader(self, schema_id):
        if schema_id not in self.readers:
            with urllib.request.urlopen(f"{self.url}/schemas/ids/{schema_id}", timeout=10) as answer:
                text = json.load(answer)["schema"]
            self.readers[schema_id] = avro.io.DatumReader(avro.schema.parse(text))
        return self.readers[schema_id]


def decode(registry, data):
    if data is None:
        return None, None  # a tombstone
    if len(data) < 5 or data[0] != 0:
        raise ValueError(f"not in the Confluent wire format (first bytes {data[:4].hex(' ')})")
    schema_id = struct.unpack(">I", data[1:5])[0]
    datum = registry.reader(schema_id).read(avro.io.BinaryDecoder(io.BytesIO(data[5:])))
    return schema_id, datum


def plain(value):
    """JSON for what the avro package decodes to: timestamps, decimals, bytes."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value)}")


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--bootstrap-servers", required=True)
    arguments.add_argument("--registry", required=True, help="root of the Confluent-compatible API, "
                           "e.g. http://localhost:8085/apis/ccompat/v7 for Apicurio Registry")
    arguments.add_argument("--topic", required=True)
    arguments.add_argument("--max-records", type=int, default=100)
    arguments.add_argument("--idle-seconds", type=float, default=10.0)
    options = arguments.parse_args()

    registry = Registry(options.registry)
    consumer = Consumer({
        "bootstrap.servers": options.bootstrap_servers,
        "group.id": f"read-topic-{uuid.uuid4()}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([options.topic])
    read = 0
    try:
        while read < options.max_records:
            message = consumer.poll(options.idle_seconds)
            if message is None:
                break
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    continue
                raise SystemExit(f"Kafka error: {message.error()}")
            schema_id, value = decode(registry, message.value())
            key = message.key().decode("utf-8", "replace") if message.key() is not None else None
            print(json.dumps({"topic": message.topic(), "partition": message.partition(), "offset": message.offset(),
                              "key": key, "schema_id": schema_id, "value": value}, default=plain), flush=True)
            read += 1
    finally:
        consumer.close()
    print(f"read {read} records from {options.topic}", file=sys.stderr)


if __name__ == "__main__":
    main()
