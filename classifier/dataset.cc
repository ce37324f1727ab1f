#include "classifier/dataset.h"

#include <fstream>
#include <sstream>

#include "mail/mime_parser.h"

namespace politeno::classifier {

LabelledSet load_set(const std::string& dir, const std::string& labels_path, const std::string& config_path) {
  LabelledSet s;
  s.dir = dir;
  std::string name = dir;
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  s.name = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
  s.labels = read_labels(labels_path.empty() ? dir + "/labels.jsonl" : labels_path);
  s.config = config::load_config(config_path.empty() ? dir + "/config.yaml" : config_path);
  for (const Label& l : s.labels) {
    std::ifstream in(dir + "/" + l.file, std::ios::binary);
    std::string raw;
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      raw = ss.str();
    }
    s.errors.push_back(in ? "" : "cannot read " + dir + "/" + l.file);
    s.messages.push_back(mail::parse_message(raw));
    s.raw.push_back(std::move(raw));
  }
  return s;
}

}  // namespace politeno::classifier
