# Writes OUTPUT, a C++ source defining SYMBOL (const char[]) and SYMBOL_size with the
# bytes of INPUT, so a text file ships inside the executable.
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
  "#include <cstddef>\n"
  "extern const char ${SYMBOL}[] = {${bytes} 0};\n"
  "extern const std::size_t ${SYMBOL}_size = ${size};\n")
