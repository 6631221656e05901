// The fixture of a module store's suite on both backends (the test's parameter: "sqlite" or
// "postgresql"): a migrated database of its own, a write in one transaction, a structure added.
// Header-only: each suite instantiates it with its own test cases.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "storage/database.h"
#include "tests/support/test_database.h"

namespace ensemble::test_support {

class StoreTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto created = TestDatabase::Create(GetParam());
    ASSERT_TRUE(created.has_value()) << created.error().message.id << created.error().context;
    database_ = std::move(*created);
    db_ = database_->OpenAgain().value();
  }

  template <typename Work>
  auto Write(Work&& work, storage::Scope scope = storage::Scope::WholeDatabase()) {
    return db_->InTransaction(storage::TransactionMode::kWrite, scope, std::forward<Work>(work));
  }

  tenancy::StructureId AddStructure(const std::string& name) {
    tenancy::Structure structure;
    structure.name = name;
    return Write(
               [&](storage::Transaction& tx) { return tx.Tenancy().InsertStructure(structure, 1); })
        .value();
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace ensemble::test_support
