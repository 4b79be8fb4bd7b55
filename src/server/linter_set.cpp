#include "server/linter_set.h"

namespace escalint {

LinterSet::LinterSet(RulePack pack, LintOptions base, std::size_t capacity, bool compile_now)
    : base_options_(base), capacity_(capacity) {
  auto linter = std::make_shared<Linter>(std::move(pack), std::move(base));
  if (compile_now) linter->compile_all();
  base_ = std::move(linter);
}

std::shared_ptr<const Linter> LinterSet::get(const RequestOptions& request, std::string* error) {
  if (request.empty()) return base_;
  const RulePack& p = pack();
  if (!request.language.empty() && !p.languages.count(request.language)) {
    std::string list;
    for (const auto& [code, _] : p.languages) list += (list.empty() ? "" : ", ") + code;
    *error =
        "\"language\": no rules for '" + request.language + "' (rules exist for: " + list + ")";
    return nullptr;
  }
  for (const auto* ids : {&request.enable, &request.disable}) {
    for (const std::string& id : *ids) {
      if (!p.find_rule(id)) {
        *error = "\"rules\": no rule '" + id + "' (see GET /v1/rules)";
        return nullptr;
      }
    }
  }
  std::string key = request.language + "|";
  for (const std::string& id : request.enable) key += id + ",";
  key += "|";
  for (const std::string& id : request.disable) key += id + ",";

  {
    std::lock_guard lock(mu_);
    for (auto it = lru_.begin(); it != lru_.end(); ++it) {
      if (it->first == key) {
        lru_.splice(lru_.begin(), lru_, it);
        return lru_.front().second;
      }
    }
  }
  // Built outside the lock: another worker may build the same one meanwhile, and the
  // second to finish simply finds the first's in the cache.
  LintOptions o = base_options_;
  if (!request.language.empty()) o.language = request.language;
  for (const std::string& id : request.disable) o.disable.insert(id), o.enable.erase(id);
  for (const std::string& id : request.enable) o.enable.insert(id);
  auto linter = std::make_shared<const Linter>(p, std::move(o));
  std::lock_guard lock(mu_);
  for (auto it = lru_.begin(); it != lru_.end(); ++it) {
    if (it->first == key) {
      lru_.splice(lru_.begin(), lru_, it);
      return lru_.front().second;
    }
  }
  lru_.emplace_front(key, linter);
  while (lru_.size() > capacity_) lru_.pop_back();
  return linter;
}

std::size_t LinterSet::cached() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

}  // namespace escalint
