set(COMPAT_OPTIONS TLS_MAX_CONN_SIZE=2 TLS_MAX_SES_SIZE=2 TLS_MAX_HOST_CERT=2 TLS_MAX_CA_CERT=2
    TLS_PEER_NAME_SIZE=32)
include(${CMAKE_CURRENT_LIST_DIR}/compat_build.cmake)
include(${PROJECT_SOURCE_DIR}/tests/unit/compat/compat_data.cmake)
