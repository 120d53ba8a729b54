// The served form: formList, download, checks, the copy on disk. See server_form.hpp.
#include "sync/server_form.hpp"

#include <fcntl.h>
#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "seal/seal.hpp"

namespace kiosk::sync {

namespace fs = std::filesystem;

namespace {

std::string between(const std::string& s, const std::string& open, const std::string& close, size_t from,
                    size_t* end = nullptr) {
  const auto a = s.find(open, from);
  if (a == std::string::npos) return {};
  const auto b = s.find(close, a + open.size());
  if (b == std::string::npos) return {};
  if (end) *end = b + close.size();
  return s.substr(a + open.size(), b - a - open.size());
}

std::string unescape(std::string s) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    const std::string f(from);
    for (size_t at = s.find(f); at != std::string::npos; at = s.find(f, at + 1)) s.replace(at, f.size(), to);
  }
  return s;
}

std::string attribute(const std::string& tag, const std::string& name) {
  for (const char q : {'"', '\''}) {
    const std::string key = " " + name + "=" + q;
    auto a = tag.find(key);
    if (a == std::string::npos) {
      const std::string key2 = "\n" + name + "=" + q;  // attribute on its own line
      a = tag.find(key2);
      if (a == std::string::npos) continue;
    }
    const auto start = a + key.size();
    const auto stop = tag.find(q, start);
    if (stop == std::string::npos) return {};
    return unescape(tag.substr(start, stop - start));
  }
  return {};
}

std::string local_name(const std::string& qname) {
  const auto colon = qname.find(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

// Where the primary instance (the first <instance> without an id) starts.
size_t primary_instance(const std::string& x) {
  for (size_t at = x.find("<instance"); at != std::string::npos; at = x.find("<instance", at + 1)) {
    const char after = at + 9 < x.size() ? x[at + 9] : '\0';
    if (after != '>' && after != ' ' && after != '\n' && after != '\t' && after != '\r') continue;
    const auto gt = x.find('>', at);
    if (gt == std::string::npos) return std::string::npos;
    if (attribute(x.substr(at, gt - at), "id").empty()) return gt + 1;
  }
  return std::string::npos;
}

// The element paths of the primary instance ("data", "data/site", ...), and its root tag.
std::vector<std::string> instance_paths(const std::string& x, std::string* root_tag = nullptr) {
  std::vector<std::string> out, stack;
  size_t at = primary_instance(x);
  if (at == std::string::npos) return out;
  while ((at = x.find('<', at)) != std::string::npos) {
    const auto gt = x.find('>', at);
    if (gt == std::string::npos) break;
    const std::string tag = x.substr(at + 1, gt - at - 1);
    at = gt + 1;
    if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;
    if (tag[0] == '/') {
      if (stack.empty()) break;  // </instance>
      stack.pop_back();
      continue;
    }
    const bool self_closing = tag.back() == '/';
    const auto name_end = tag.find_first_of(" \t\r\n/");
    const std::string name = local_name(tag.substr(0, name_end));
    if (stack.empty() && root_tag && root_tag->empty()) *root_tag = "<" + tag + ">";
    std::string path;
    for (const auto& s : stack) path += s + "/";
    out.push_back(path + name);
    if (!self_closing) stack.push_back(name);
  }
  return out;
}

Status write_atomic(const fs::path& p, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return make_error(Errc::io, "cannot write the served form", {}, tmp.string());
  }
  const int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(tmp, p, ec);
  if (ec) return make_error(Errc::io, "cannot store the served form", {}, p.string());
  return Ok{};
}

}  // namespace

std::vector<FormListEntry> parse_form_list(const std::string& xml) {
  std::vector<FormListEntry> out;
  size_t at = 0, end = 0;
  for (;;) {
    const std::string item = between(xml, "<xform>", "</xform>", at, &end);
    if (end <= at || item.empty()) break;
    at = end;
    FormListEntry e;
    e.form_id = unescape(between(item, "<formID>", "</formID>", 0));
    e.version = unescape(between(item, "<version>", "</version>", 0));
    e.hash = unescape(between(item, "<hash>", "</hash>", 0));
    e.download_url = unescape(between(item, "<downloadUrl>", "</downloadUrl>", 0));
    out.push_back(std::move(e));
  }
  return out;
}

Result<ServedForm> parse_served_form(const std::string& xform) {
  ServedForm f;
  f.xml = xform;
  std::string root;
  const auto paths = instance_paths(xform, &root);
  f.form_id = attribute(root, "id");
  f.version = attribute(root, "version");
  if (paths.empty() || f.form_id.empty())
    return make_error(Errc::parse, "the served form has no primary instance with a form id");
  const auto sub = xform.find("<submission");
  if (sub != std::string::npos) {
    const auto gt = xform.find('>', sub);
    if (gt != std::string::npos) f.base64_key = attribute(xform.substr(sub, gt - sub), "base64RsaPublicKey");
  }
  return f;
}

std::string form_mismatch(const std::string& served, const std::string& kiosk_xform) {
  const auto a = instance_paths(served);
  const auto b = instance_paths(kiosk_xform);
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const std::string x = i < a.size() ? a[i] : std::string("(nothing)");
    const std::string y = i < b.size() ? b[i] : std::string("(nothing)");
    if (x != y)
      return "the server's form does not ask the kiosk's questions: it has " + x + " where the kiosk has " + y +
             "; upload the kiosk's form (asylum-kioskctl xform) to the server";
  }
  return {};
}

std::string pem_from_base64_der(const std::string& b64) {
  std::string pem = "-----BEGIN PUBLIC KEY-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) pem += b64.substr(i, 64) + "\n";
  return pem + "-----END PUBLIC KEY-----\n";
}

fs::path server_form_path(const fs::path& data_dir) { return data_dir / "server-form.xml"; }

Result<ServedForm> load_stored_server_form(const fs::path& store) {
  std::ifstream in(store, std::ios::binary);
  if (!in) return make_error(Errc::not_found, "no form was taken from the server yet", {}, store.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_served_form(ss.str());
}

namespace {

// The server's OpenRosa form endpoints, with the submissions' credentials.
class FormServer {
 public:
  FormServer(const Settings& s, const AbortHook& abort) : abort_(abort) {
    std::string origin, prefix;
    split_url(s.server_url, origin, prefix);
    http_ = std::make_unique<httplib::Client>(origin);
    const auto secs = [](milliseconds ms) { return static_cast<time_t>(ms.count() / 1000); };
    const auto usecs = [](milliseconds ms) { return static_cast<time_t>((ms.count() % 1000) * 1000); };
    http_->set_connection_timeout(secs(s.connect_timeout), usecs(s.connect_timeout));
    http_->set_read_timeout(secs(s.read_timeout), usecs(s.read_timeout));
    http_->set_follow_location(false);
    http_->enable_server_certificate_verification(true);
    if (!s.ca_file.empty()) http_->set_ca_cert_path(s.ca_file);
    headers_ = {{"X-OpenRosa-Version", "1.0"}, {"User-Agent", s.user_agent}};
    if (s.auth == "basic") {
      const auto colon = s.secret.find(':');
      headers_.insert(
          httplib::make_basic_authentication_header(s.secret.substr(0, colon), s.secret.substr(colon + 1)));
    }
    if (s.kind == "kobo" && s.auth == "token") headers_.emplace("Authorization", "Token " + s.secret);
    if (s.kind == "central")
      list_path_ = prefix + (s.auth == "token" ? "/v1/key/" + s.secret : std::string("/v1")) + "/projects/" +
                   std::to_string(s.project_id) + "/formList";
    else
      list_path_ = prefix + "/formList";
    if (abort_) abort_([c = http_.get()] { c->stop(); });
  }
  ~FormServer() {
    if (abort_) abort_({});
  }
  FormServer(const FormServer&) = delete;
  FormServer& operator=(const FormServer&) = delete;

  // GET `path` into `body`: "" on 200, else why (a plain sentence, never the URL: it holds the token).
  std::string get(const std::string& path, std::string& body) {
    size_t total = 0;
    bool too_big = false;
    body.clear();
    auto r = http_->Get(path, headers_, [&](const char* d, size_t n) {
      total += n;
      if (total > 8 * kMaxReplyBytes) {
        too_big = true;
        return false;
      }
      body.append(d, n);
      return true;
    });
    if (!r) {
      if (r.error() == httplib::Error::SSLServerVerification)
        return "the server's certificate is not trusted: set sync.ca_file or fix the certificate";
      return too_big ? "the server's reply was too large"
                     : "the server could not be reached (" + httplib::to_string(r.error()) + ")";
    }
    if (r->status != 200) {
      const ServerSays w = parse_server_reply(body);
      return "the server answered HTTP " + (w.code.empty() ? std::to_string(r->status) : w.code) +
             (w.message.empty() ? std::string() : " (\"" + w.message + "\")") +
             (r->status == 401 || r->status == 403 ? "; check the app user's token and its access to the form"
                                                   : "");
    }
    return {};
  }
  [[nodiscard]] const std::string& list_path() const { return list_path_; }

 private:
  const AbortHook& abort_;
  std::unique_ptr<httplib::Client> http_;
  httplib::Headers headers_;
  std::string list_path_;
};

FormRefresh refused(std::string why) {
  FormRefresh r;
  r.result = FormRefresh::Result::refused;
  r.message = std::move(why);
  return r;
}
FormRefresh failed(std::string why) {
  FormRefresh r;
  r.result = FormRefresh::Result::failed;
  r.message = std::move(why);
  return r;
}

// Checks a downloaded form; "" when the kiosk can seal with it.
std::string unusable(const Result<ServedForm>& served, const std::string& form_id, const std::string& kiosk_xform) {
  if (!served) return served.error().message;
  if (served->form_id != form_id) return "the downloaded form is \"" + served->form_id + "\", not \"" + form_id + "\"";
  if (served->base64_key.empty())
    return "the served form carries no encryption key (turn on Managed Encryption in the Central project, "
           "or use sync.form_source = \"file\")";
  if (!seal::OfficeKey::from_pem(pem_from_base64_der(served->base64_key)))
    return "the served form's base64RsaPublicKey is not a usable RSA public key";
  return form_mismatch(served->xml, kiosk_xform);
}

// formList, then (unless the last good form is still served, or the served
// one was refused already) download, check, store.
FormRefresh look(const Settings& s, const std::string& form_id, const std::string& kiosk_xform,
                 const fs::path& store, const ServedForm* last_good, const std::string& refused_key,
                 const std::string& refused_message, std::string* served_key, const AbortHook& abort) {
  FormServer server(s, abort);
  std::string body;
  if (auto why = server.get(server.list_path(), body); !why.empty()) return failed(why);
  const auto list = parse_form_list(body);
  const FormListEntry* entry = nullptr;
  for (const auto& e : list)
    if (e.form_id == form_id) entry = &e;
  // (Central lists only open forms the app user may fill: a closed form is
  // not a changed one; the submissions then say why.)
  if (!entry) return failed("the server's form list has no form \"" + form_id + "\" for this app user");
  if (last_good && entry->version == last_good->version &&
      (entry->hash.empty() || entry->hash == form_list_hash(last_good->xml))) {
    FormRefresh r;
    r.result = FormRefresh::Result::unchanged;
    r.form = *last_good;
    return r;
  }
  const std::string key = entry->version + " " + entry->hash;
  if (served_key) *served_key = key;
  if (!entry->hash.empty() && key == refused_key) return refused(refused_message);
  // The download URL's path, on our own server address (Central builds it from its configured domain).
  std::string dl_origin, dl_path;
  split_url(entry->download_url, dl_origin, dl_path);
  if (dl_path.empty()) return refused("the form list gives no download address");
  if (auto why = server.get(dl_path, body); !why.empty()) return failed(why);
  auto served = parse_served_form(body);
  if (auto why = unusable(served, form_id, kiosk_xform); !why.empty()) return refused(why);
  FormRefresh r;
  if (last_good && served->xml == last_good->xml) {
    r.result = FormRefresh::Result::unchanged;  // the same bytes, only listed differently
    r.form = *last_good;
    return r;
  }
  if (auto st = write_atomic(store, served->xml); !st) return failed(st.error().describe());
  r.result = FormRefresh::Result::taken;
  r.form = std::move(served).value();
  return r;
}

}  // namespace

std::string form_list_hash(const std::string& xml) { return "md5:" + seal::md5_hex(xml); }

Result<ServedForm> fetch_server_form(const Settings& s, const std::string& form_id,
                                     const std::string& kiosk_xform, const fs::path& store) {
  auto r = look(s, form_id, kiosk_xform, store, nullptr, {}, {}, nullptr, {});
  if (r.result == FormRefresh::Result::taken) return std::move(*r.form);
  return make_error(Errc::io, "the form could not be taken from the server: " + r.message +
                                  "; the kiosk keeps using its last good form");
}

FormWatch::FormWatch(std::string form_id, std::string kiosk_xform, fs::path store)
    : form_id_(std::move(form_id)), kiosk_xform_(std::move(kiosk_xform)), store_(std::move(store)) {}

FormRefresh FormWatch::check(const Settings& s, const AbortHook& abort) {
  auto last = load_stored_server_form(store_);
  const ServedForm* last_good = last ? &*last : nullptr;
  std::string served_key;
  auto r = look(s, form_id_, kiosk_xform_, store_, last_good, refused_key_, refused_message_, &served_key, abort);
  if (r.result == FormRefresh::Result::refused) {
    refused_key_ = served_key;
    refused_message_ = r.message;
  } else if (r.result != FormRefresh::Result::failed) {
    refused_key_.clear();
    refused_message_.clear();
  }
  return r;
}

}  // namespace kiosk::sync
