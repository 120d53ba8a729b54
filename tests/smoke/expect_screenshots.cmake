# Renders every screen in every language and checks each PNG exists and is
# a real picture (not empty). The run itself fails on small touch targets,
# low contrast, text under the minimum size or not fitting its box. Then
# each screen's read-aloud WAV (normal look) is read back from disk by
# `asylum-kioskctl check-wav` against its .txt: PCM header, not silent, a
# length that fits the text.
# The languages: every code of the language table (the demo config offers
# them all; a unit test checks it), and which of them have a voice.
file(STRINGS "${LANGUAGES}" table REGEX "^(code|voice) *=")
set(langs "")
set(voiceless "")
foreach(line ${table})
  if(line MATCHES "^code *= *\"([^\"]+)\"")
    set(code "${CMAKE_MATCH_1}")
    list(APPEND langs "${code}")
  elseif(line MATCHES "^voice *= *\"\"")
    list(APPEND voiceless "${code}")
  endif()
endforeach()
list(LENGTH langs lang_count)
list(LENGTH voiceless voiceless_count)
math(EXPR voiced_count "${lang_count} - ${voiceless_count}")
if(lang_count LESS 6)
  message(FATAL_ERROR "read only ${lang_count} languages from ${LANGUAGES}: ${langs}")
endif()
# SIZE (WxH, optional): a screen of that size, e.g. 1080x1920 portrait; the
# checks' sizes (90 px targets, 28 px text) are then real pixels on it, and
# LAYOUT is the layout width the run must say it used.
file(REMOVE_RECURSE "${OUT}")
set(size_args)
if(DEFINED SIZE)
  set(size_args --windowed ${SIZE})
endif()
execute_process(COMMAND ${KIOSK} --config ${CONFIG} --screenshots ${OUT} ${size_args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--screenshots exited ${rc}:\n${out}\n${err}")
endif()
if(DEFINED LAYOUT AND NOT out MATCHES "on a ${SIZE} screen: layout ${LAYOUT}x[0-9]+ at scale")
  message(FATAL_ERROR "the ${SIZE} screen was not laid out ${LAYOUT} px wide:\n${out}")
endif()
if(NOT out MATCHES "smallest touch target: (9[0-9]|[1-9][0-9][0-9]) px")
  message(FATAL_ERROR "a touch target under 90 px:\n${out}")
endif()
# Every screen of app/screenshots.cpp's list, each also in large text +
# high contrast.
set(screens attract language language-heard situation-where situation-entry situation-arrival
            guidance guidance-full question-name question-error question-cyrillic question-choice
            question-date question-date-year question-family question-multi question-long review
            consent print done idle ask help staff_pin staff print-held done-held)
set(all_screens ${screens})
foreach(screen ${screens})
  list(APPEND all_screens "${screen}-large-contrast")
endforeach()
list(LENGTH screens screen_count)
# Staff screens are read in staff.language, whatever the person's language.
set(staff_screens staff_pin staff)
list(LENGTH staff_screens staff_count)
math(EXPR wav_count "${screen_count} * ${voiced_count} + ${staff_count} * ${voiceless_count}")
foreach(lang ${langs})
  list(FIND voiceless "${lang}" no_voice)
  foreach(screen ${all_screens})
    set(png "${OUT}/${screen}.${lang}.png")
    if(NOT EXISTS "${png}")
      message(FATAL_ERROR "missing ${png}")
    endif()
    file(SIZE "${png}" size)
    if(size LESS 2000)
      message(FATAL_ERROR "${png} is only ${size} bytes: probably blank")
    endif()
    list(FIND staff_screens "${screen}" is_staff)
    if(screen MATCHES "-large-contrast$")
    elseif(no_voice EQUAL -1 OR NOT is_staff EQUAL -1)
      list(APPEND wavs "${OUT}/${screen}.${lang}.wav")
    elseif(EXISTS "${OUT}/${screen}.${lang}.wav")
      # A language without a voice is never read in another one's voice.
      message(FATAL_ERROR "${screen}.${lang}.wav exists: ${lang} has no voice and must read nothing")
    endif()
  endforeach()
endforeach()
message(STATUS "${out}")
list(LENGTH wavs n)
if(NOT n EQUAL wav_count)
  message(FATAL_ERROR "expected ${wav_count} WAV files (${screen_count} screens x ${voiced_count} languages with a voice, "
                      "and the staff screens of ${voiceless_count} without), listed ${n}")
endif()
execute_process(COMMAND ${CTL} check-wav ${wavs}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "check-wav: ${wav_count} good, 0 bad")
  message(FATAL_ERROR "check-wav exited ${rc}:\n${out}\n${err}")
endif()
# Texts for listening (review row D7): the Dari and English voices never
# spell the Russian address for the taxi driver letter by letter; the
# guidance reading says it is on the screen (place.address_ru.spoken).
foreach(lang fa-AF en)
  file(READ "${OUT}/guidance.${lang}.txt" reading)
  foreach(russian "Алматы" "Достык" "Бейбитшилик")
    string(FIND "${reading}" "${russian}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "guidance.${lang}.txt reads the Russian \"${russian}\" aloud")
    endif()
  endforeach()
endforeach()
# A record the outbox could not store is held in memory (issue 18): the
# print and done screens say so in every language, and never "cannot be
# saved" (error.disk.full) above "nothing is lost" (print.ask_staff).
foreach(lang ${langs})
  foreach(screen print-held done-held)
    if(NOT EXISTS "${OUT}/${screen}.${lang}.png" OR NOT EXISTS "${OUT}/${screen}.${lang}.txt")
      message(FATAL_ERROR "missing ${OUT}/${screen}.${lang}.png or .txt")
    endif()
  endforeach()
endforeach()
foreach(pair "en|The kiosk could not store the locked copy" "ru|Киоск пока не смог записать"
             "fa-AF|کیوسک هنوز نتوانسته")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 lang)
  list(GET pair 1 words)
  foreach(screen print-held done-held)
    file(READ "${OUT}/${screen}.${lang}.txt" reading)
    string(FIND "${reading}" "${words}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${screen}.${lang}.txt does not say the record is held:\n${reading}")
    endif()
  endforeach()
endforeach()
file(READ "${OUT}/print-held.en.txt" reading)
foreach(wrong "cannot be saved" "Nothing you typed is lost")
  string(FIND "${reading}" "${wrong}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "print-held.en.txt says \"${wrong}\":\n${reading}")
  endif()
endforeach()
