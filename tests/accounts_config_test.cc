#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/config.h"
#include "config/secrets.h"

using namespace politeno::config;

namespace {

const std::string kIdentity = "identity: {name: J, addresses: [j@x.io]}\n";

ConfigError error_of(const std::string& yaml, bool file_private = false) {
  try {
    parse_config(kIdentity + yaml, "c.yaml", file_private);
  } catch (const ConfigError& e) {
    return e;
  }
  FAIL("expected a ConfigError");
  throw;
}

}  // namespace

TEST_CASE("an account with defaults is read, ports following the TLS mode", "[config][accounts]") {
  const Config c = parse_config(kIdentity +
                                    "accounts:\n"
                                    "  - name: work\n    host: imap.example.com\n    username: jordan\n"
                                    "    password_file: /run/credentials/politeno.service/work\n"
                                    "  - name: old\n    host: mail.example.org\n    tls: starttls\n    username: j\n"
                                    "    password_command: \"pass show mail\"\n    poll_interval: 5m\n    idle: false\n"
                                    "    drafts: \"Entw\\u00fcrfe\"\n",
                                "c.yaml");
  REQUIRE(c.accounts.size() == 2);
  CHECK(c.accounts[0].port == 993);
  CHECK(c.accounts[0].tls == AccountTls::kImplicit);
  CHECK(c.accounts[0].tls_verify);
  CHECK(c.accounts[0].secret_source == SecretSource::kFile);
  CHECK(c.accounts[0].inbox == "INBOX");
  CHECK(c.accounts[0].drafts == "auto");
  CHECK(c.accounts[0].poll_interval == std::chrono::seconds(60));
  CHECK(c.accounts[1].port == 143);
  CHECK(c.accounts[1].poll_interval == std::chrono::minutes(5));
  CHECK_FALSE(c.accounts[1].idle);
  CHECK(c.accounts[1].drafts == "Entw\xC3\xBCrfe");
}

TEST_CASE("tls: none is refused to a host that is not loopback", "[config][accounts]") {
  const ConfigError e = error_of("accounts:\n  - {name: a, host: imap.example.com, tls: none, username: u, password_file: /p}\n");
  CHECK(e.message().find("loopback") != std::string::npos);
  CHECK_NOTHROW(parse_config(kIdentity + "accounts:\n  - {name: a, host: 127.0.0.1, tls: none, username: u, password_file: /p}\n", "c"));
}

TEST_CASE("a password written in the config needs a file only its owner can read", "[config][accounts][secrets]") {
  const std::string yaml = "accounts:\n  - {name: a, host: h.example, username: u, password: hunter2}\n";
  const ConfigError e = error_of(yaml, /*file_private=*/false);
  CHECK(e.message().find("chmod 600") != std::string::npos);
  CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
  CHECK(parse_config(kIdentity + yaml, "c", /*file_private=*/true).accounts[0].secret == "hunter2");
}

TEST_CASE("a private config file is detected from its permissions", "[config][accounts][secrets]") {
  const std::string path = std::filesystem::temp_directory_path() / "politeno-private-test.yaml";
  std::ofstream(path) << kIdentity << "accounts:\n  - {name: a, host: h.example, username: u, password: pw}\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  CHECK(load_config(path).accounts.size() == 1);
  std::filesystem::permissions(path, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  CHECK_THROWS_AS(load_config(path), ConfigError);
  std::filesystem::remove(path);
}

TEST_CASE("an account needs exactly one secret source, a name, a host and a username", "[config][accounts]") {
  CHECK(error_of("accounts:\n  - {name: a, host: h, username: u}\n").message().find("needs one of") != std::string::npos);
  CHECK(error_of("accounts:\n  - {name: a, host: h, username: u, password_file: /p, password_command: x}\n")
            .message().find("more than one") != std::string::npos);
  CHECK(error_of("accounts:\n  - {host: h, username: u, password_file: /p}\n").message().find("'name'") != std::string::npos);
  CHECK(error_of("accounts:\n  - {name: a, host: h, username: u, password_file: /p}\n  - {name: a, host: h, username: u, password_file: /p}\n")
            .message().find("unique") != std::string::npos);
  CHECK(error_of("accounts:\n  - {name: a, host: h, username: u, password_file: /p, poll_interval: soon}\n").mark().line == 3);
  CHECK(error_of("accounts:\n  - {name: a, host: h, username: u, password_file: /p, prot: 1}\n")
            .message().find("unknown key 'prot'") != std::string::npos);
}

TEST_CASE("secrets come from private files, systemd credentials and the first line of a command's output", "[secrets]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "politeno-creds-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "work") << "s3cret\nignored second line\n";
  std::filesystem::permissions(dir / "work", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  CHECK(read_secret_file((dir / "work").string()).value == "s3cret");
  ::setenv("CREDENTIALS_DIRECTORY", dir.c_str(), 1);
  CHECK(read_secret_file("work").value == "s3cret");  // relative: looked up among the systemd credentials
  ::unsetenv("CREDENTIALS_DIRECTORY");
  const Secret missing = read_secret_file((dir / "missing").string());
  CHECK(missing.value.empty());
  CHECK_FALSE(missing.error.empty());
  CHECK_FALSE(missing.insecure);
  std::filesystem::permissions(dir / "work", std::filesystem::perms::others_read, std::filesystem::perm_options::add);
  const Secret readable = read_secret_file((dir / "work").string());
  CHECK(readable.value.empty());
  CHECK(readable.insecure);
  CHECK(readable.error.find("s3cret") == std::string::npos);
  CHECK(secret_from_output("tok\nmore").value == "tok");
  CHECK(secret_from_output("tok\r\n").value == "tok");
  CHECK_FALSE(secret_from_output("\n").error.empty());
  std::filesystem::remove_all(dir);
}
