# The checker must exit 1 and name each problem as FILE:LINE: message.
execute_process(COMMAND ${CTL} check-config ${CONFIG} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "check-config exited ${rc}, expected 1:\n${out}")
endif()
foreach(expected
    "bad-config.toml:4: site.kind must be airport, land_border or desp_office"
    "bad-config.toml:6: site.petition_language must be"
    "bad-config.toml:9: kiosk.languages has \"de\""
    "bad-config.toml:10: kiosk.idle_warning_seconds must be a whole number"
    "bad-config.toml:11: unknown key kiosk.colour"
    "bad-config.toml:14: staff.pin_hash is not a PIN hash"
    "bad-config.toml:18: outbox.retention_days must be between"
    "bad-config.toml:22: sync.server_url"
    "bad-config.toml:23: the office public key"
    "bad-config.toml:25: unknown section [extras]"
    "bad-config.toml:5: site.office \"desp-nowhere\" is not an office")
  string(FIND "${out}" "${expected}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "missing \"${expected}\" in:\n${out}")
  endif()
endforeach()
