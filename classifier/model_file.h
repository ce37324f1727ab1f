// Reading and writing model files (the classifier itself never touches files).
#pragma once

#include <memory>
#include <string>

#include "classifier/model.h"
#include "config/config.h"

namespace politeno::classifier {

// Reads the model at `path`. Throws ModelError naming the file.
std::shared_ptr<const Model> load_model(const std::string& path);

// The model a configuration asks for: `override_path` (--model) if given, else the
// config's `model:` key, else the built-in model. Throws config::ConfigError naming the
// config key or the file and line that is wrong.
std::shared_ptr<const Model> model_for(const config::Config& config, const std::string& override_path = "");

// Writes `model` to `path` atomically (a temporary file renamed over it). Throws
// std::runtime_error.
void save_model(const Model& model, const std::string& path);

}  // namespace politeno::classifier
