#include "classifier/model_file.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace politeno::classifier {

std::shared_ptr<const Model> load_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(0, path + ": cannot read the model file");
  std::ostringstream ss;
  ss << in.rdbuf();
  try {
    return std::make_shared<const Model>(Model::parse(ss.str()));
  } catch (const ModelError& e) {
    throw ModelError(e.line(), path + ":" + std::to_string(e.line()) + ": " + e.what());
  }
}

std::shared_ptr<const Model> model_for(const config::Config& config, const std::string& override_path) {
  if (!override_path.empty()) {
    try {
      return load_model(override_path);
    } catch (const ModelError& e) {
      throw config::ConfigError(override_path, {}, std::string("--model: ") + e.what());
    }
  }
  if (config.model.empty()) return nullptr;
  try {
    return load_model(config.model);
  } catch (const ModelError& e) {
    throw config::ConfigError(config.source, config.model_mark, std::string("'model': ") + e.what());
  }
}

void save_model(const Model& model, const std::string& path) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    const std::string text = model.serialize();
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush()) throw std::runtime_error(tmp + ": cannot write the model");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error(path + ": cannot replace the model file");
}

}  // namespace politeno::classifier
