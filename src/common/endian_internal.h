/*
 * Big- and little-endian loads and stores. Byte-wise, so they work on any
 * alignment and any host byte order; compilers turn them into single
 * loads/stores (with a bswap) where the target allows.
 */
#ifndef TERN_ENDIAN_INTERNAL_H
#define TERN_ENDIAN_INTERNAL_H

#include <stdint.h>

static inline uint16_t tern_load_be16(const uint8_t *p)
{
    return (uint16_t)(((uint16_t)p[0] << 8) | p[1]);
}

static inline uint32_t tern_load_be24(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
}

static inline uint32_t tern_load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
}

static inline uint64_t tern_load_be48(const uint8_t *p)
{
    return ((uint64_t)tern_load_be16(p) << 32) | tern_load_be32(p + 2);
}

static inline uint64_t tern_load_be64(const uint8_t *p)
{
    return ((uint64_t)tern_load_be32(p) << 32) | tern_load_be32(p + 4);
}

static inline void tern_store_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void tern_store_be24(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}

static inline void tern_store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void tern_store_be48(uint8_t *p, uint64_t v)
{
    tern_store_be16(p, (uint16_t)(v >> 32));
    tern_store_be32(p + 2, (uint32_t)v);
}

static inline void tern_store_be64(uint8_t *p, uint64_t v)
{
    tern_store_be32(p, (uint32_t)(v >> 32));
    tern_store_be32(p + 4, (uint32_t)v);
}

static inline uint32_t tern_load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static inline uint64_t tern_load_le64(const uint8_t *p)
{
    return (uint64_t)tern_load_le32(p) | ((uint64_t)tern_load_le32(p + 4) << 32);
}

static inline void tern_store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void tern_store_le64(uint8_t *p, uint64_t v)
{
    tern_store_le32(p, (uint32_t)v);
    tern_store_le32(p + 4, (uint32_t)(v >> 32));
}

#endif /* TERN_ENDIAN_INTERNAL_H */
