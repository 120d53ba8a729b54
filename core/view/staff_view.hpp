// The staff screen's status lines, made in core from the services' states.
#pragma once

#include <string>

#include "locale/catalog.hpp"
#include "sync/service.hpp"

namespace kiosk {

// "Records: 3 waiting, 10 sent, ... Last sync: ..." for the queue button.
std::string staff_queue_line(const sync::RecordService::Status& st);

// With sync.form_source = "server", in `lang`: the version of the server's
// form new records are sealed with, or why the server's new form was not
// taken (the reason in English, as the kiosk or Central says it; records
// keep going with the last good form). "" when the form is the kiosk's own.
std::string staff_form_line(const sync::RecordService::Status& st, const Translations& tr,
                            const std::string& lang);

}  // namespace kiosk
