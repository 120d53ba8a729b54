// The staff screen's status lines, made in core from the services' states.
#pragma once

#include <string>

#include "sync/service.hpp"

namespace kiosk {

// "Records: 3 waiting, 10 sent, ... Last sync: ..." for the queue button.
std::string staff_queue_line(const sync::RecordService::Status& st);

}  // namespace kiosk
