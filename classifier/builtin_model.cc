#include "classifier/model.h"

// classifier/model/politeno.model, embedded at build time (cmake/embed_text.cmake).
extern const char kPolitenoModel[];
extern const std::size_t kPolitenoModel_size;

namespace politeno::classifier {

const Model& Model::builtin() {
  static const Model model = Model::parse(std::string_view(kPolitenoModel, kPolitenoModel_size));
  return model;
}

}  // namespace politeno::classifier
