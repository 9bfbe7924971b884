/*
 * Strict DER reader (ITU-T X.690 Distinguished Encoding Rules), shared by
 * the key parsers and the X.509 code.
 *
 * Model. Everything reads from a tern_reader (src/common/rw_internal.h)
 * and keeps its contract: a call either succeeds and advances the reader
 * past exactly what it read, or fails with TERN_ERR_ASN1 and leaves the
 * reader as it was. A constructed element (SEQUENCE, SET, [n]) is opened
 * as a sub-reader over its contents; once the fields are read the caller
 * calls tern_der_end(&sub), so nothing can trail inside a structure. The
 * top level is checked the same way. Nothing is copied: every pointer
 * handed out points into the input.
 *
 * Typed readers come in two forms: tern_der_read_<type>(r, ...) reads an
 * element with the universal tag of the type; tern_der_decode_<type>(e,
 * ...) checks the contents of an element already read with any tag, which
 * is how IMPLICIT tags are handled:
 *
 *     tern_der_elem e;
 *     TERN_TRY(tern_der_read(&r, TERN_DER_CONTEXT(2), &e)); // [2] IMPLICIT
 *     TERN_TRY(tern_der_decode_integer(&e));                //   INTEGER
 *
 * EXPLICIT tags are read with tern_der_read_explicit(), which also checks
 * the tag of the single element inside.
 *
 * Strictness rules (every rule has a negative test in tests/unit/asn1/):
 *
 *  Identifier octets (X.690 8.1.2)
 *   T1  Low-tag-number form only: one identifier octet, tag number 0..30.
 *       The high-tag-number form (low five bits all ones) is rejected; no
 *       structure tern parses (X.509, PKCS#1/#8, SEC1) uses it.
 *   T2  Universal tag 0 (end-of-contents) is rejected: it only closes
 *       indefinite-length BER encodings.
 *   T3  Universal class: SEQUENCE, SET, EXTERNAL, EMBEDDED PDV and
 *       CHARACTER STRING must be constructed, every other universal type
 *       primitive (DER has no constructed strings, X.690 10.2). Checked for
 *       every element, also ones that are only skipped.
 *   T4  Typed readers compare the whole identifier octet (class,
 *       constructed bit and number) with the expected one.
 *
 *  Length octets (X.690 8.1.3, 10.1)
 *   L1  Definite form only: 0x80 (indefinite) is rejected.
 *   L2  Minimal: lengths 0..127 use the short form; the long form has no
 *       leading zero octet and encodes a value >= 128.
 *   L3  At most 4 length octets (0xFF, reserved, falls under this rule):
 *       no buffer tern reads is 4 GiB long.
 *   L4  The length never exceeds the bytes left in the enclosing reader.
 *
 *  Contents
 *   BOOLEAN      exactly one octet, 0x00 or 0xFF (X.690 11.1).
 *   INTEGER,     at least one octet; the first nine bits are neither all
 *   ENUMERATED   zero nor all one (minimal two's complement, X.690 8.3.2).
 *   NULL         empty (X.690 8.8.2).
 *   OBJECT ID    at least one octet; no subidentifier starts with 0x80
 *                (minimal base 128, X.690 8.19.2); the last octet ends a
 *                subidentifier (bit 8 clear).
 *   BIT STRING   initial octet (unused bits) 0..7, and 0 when there are no
 *                further octets (X.690 8.6.2.3); the unused bits are zero
 *                (X.690 11.2.1). Named bit lists: no trailing zero bits
 *                (X.690 11.2.2), checked by tern_der_bits_named() only.
 *   Strings      PrintableString: A-Z a-z 0-9 space ' ( ) + , - . / : = ?
 *                IA5String: octets < 0x80. VisibleString: 0x20..0x7E.
 *                NumericString: digits and space. UTF8String: valid
 *                UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 *                above U+10FFFF). BMPString: even length. UniversalString:
 *                length a multiple of 4. TeletexString (T61): any octets.
 *                BMP, Universal and Teletex contents are handed out raw.
 *   Times        UTCTime "YYMMDDHHMMSSZ", GeneralizedTime
 *                "YYYYMMDDHHMMSSZ" exactly (X.690 11.7, 11.8; RFC 5280
 *                4.1.2.5.1, 4.1.2.5.2): 'Z' required, seconds required, no
 *                fractional seconds, no offsets; digits only; month 1..12;
 *                day valid for the month (Feb 29 only in leap years);
 *                hour 0..23, minute 0..59, second 0..59 (no leap second:
 *                the result is POSIX time). UTCTime YY 50..99 means 19YY,
 *                00..49 means 20YY (RFC 5280 4.1.2.5.1).
 *
 *  Structure
 *   S1  tern_der_end(): a structure's contents are consumed completely.
 *   S2  An EXPLICIT tag is constructed and holds exactly one element.
 *
 *  Left to the callers, who know the schema: DEFAULT values must not be
 *  encoded (X.690 11.5), SET OF elements must be sorted (X.690 11.6), and
 *  the X.509 choice of UTCTime before 2050 (RFC 5280 4.1.2.5).
 *
 * Errors: TERN_ERR_ASN1 for every malformed input; TERN_ERR_USAGE for
 * argument-contract violations (debug checks). The reader is for public
 * data: it branches on what it reads. Key parsers use it on private keys,
 * whose structure (lengths) is not secret; the key values themselves are
 * only passed through.
 */
#ifndef TERN_ASN1_INTERNAL_H
#define TERN_ASN1_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/rw_internal.h"
#include "tern/error.h"

/* ---- identifier octets ------------------------------------------------ */

#define TERN_DER_BOOLEAN 0x01u
#define TERN_DER_INTEGER 0x02u
#define TERN_DER_BIT_STRING 0x03u
#define TERN_DER_OCTET_STRING 0x04u
#define TERN_DER_NULL 0x05u
#define TERN_DER_OID 0x06u
#define TERN_DER_ENUMERATED 0x0au
#define TERN_DER_UTF8_STRING 0x0cu
#define TERN_DER_NUMERIC_STRING 0x12u
#define TERN_DER_PRINTABLE_STRING 0x13u
#define TERN_DER_T61_STRING 0x14u /* TeletexString */
#define TERN_DER_IA5_STRING 0x16u
#define TERN_DER_UTC_TIME 0x17u
#define TERN_DER_GENERALIZED_TIME 0x18u
#define TERN_DER_VISIBLE_STRING 0x1au
#define TERN_DER_UNIVERSAL_STRING 0x1cu
#define TERN_DER_BMP_STRING 0x1eu
#define TERN_DER_SEQUENCE 0x30u /* constructed */
#define TERN_DER_SET 0x31u      /* constructed */

#define TERN_DER_CONSTRUCTED 0x20u
#define TERN_DER_CLASS_MASK 0xc0u
#define TERN_DER_CLASS_UNIVERSAL 0x00u
#define TERN_DER_CLASS_APPLICATION 0x40u
#define TERN_DER_CLASS_CONTEXT 0x80u
#define TERN_DER_CLASS_PRIVATE 0xc0u

/* Context-specific [n], 0 <= n <= 30: primitive (IMPLICIT tag on a
 * primitive type) and constructed (EXPLICIT tags, IMPLICIT on SEQUENCE /
 * SET / CHOICE of constructed types). */
#define TERN_DER_CONTEXT(n) ((uint8_t)(0x80u | (unsigned)(n)))
#define TERN_DER_CONTEXT_CONS(n) ((uint8_t)(0xa0u | (unsigned)(n)))

/* ---- elements ------------------------------------------------------------ */

/* One element (TLV) whose header passed the rules T1-T3 and L1-L4. */
typedef struct tern_der_elem {
    const uint8_t *raw; /* identifier octet: the whole encoding, e.g. the
                           signed bytes of a TBSCertificate */
    size_t raw_len;     /* header + contents */
    const uint8_t *val; /* contents */
    size_t len;         /* contents length */
    uint8_t tag;        /* identifier octet */
} tern_der_elem;

/* Reads the next element, whatever its tag. Checks the header only (the
 * contents of a constructed element are not walked). */
TERN_MUST_CHECK int tern_der_read_any(tern_reader *r, tern_der_elem *e);

/* Reads the next element, which must carry the identifier octet `tag`. */
TERN_MUST_CHECK int tern_der_read(tern_reader *r, uint8_t tag, tern_der_elem *e);

/* Skips the next element (any tag; header rules checked). */
TERN_MUST_CHECK int tern_der_skip(tern_reader *r);

/* The identifier octet of the next element, without consuming anything.
 * TERN_ERR_ASN1 if the reader is empty. The header is not validated until
 * the element is read. */
TERN_MUST_CHECK int tern_der_peek_tag(const tern_reader *r, uint8_t *tag);

/* 1 if bytes remain and the next identifier octet is `tag`, else 0. For
 * OPTIONAL fields and CHOICEs. */
int tern_der_next_is(const tern_reader *r, uint8_t tag);

/* OPTIONAL element: if the next identifier octet is `tag` the element is
 * read (and must be well formed) and *present is 1; otherwise nothing is
 * consumed, *present is 0 and the result is TERN_OK. */
TERN_MUST_CHECK int tern_der_read_optional(tern_reader *r, uint8_t tag, tern_der_elem *e,
                                           int *present);

/* A reader over the contents of an element. */
void tern_der_contents(const tern_der_elem *e, tern_reader *sub);

/* Reads a constructed element with identifier octet `tag` (which must
 * have the constructed bit) into a sub-reader over its contents. */
TERN_MUST_CHECK int tern_der_read_constructed(tern_reader *r, uint8_t tag, tern_reader *sub);

/* SEQUENCE / SEQUENCE OF and SET / SET OF. */
TERN_MUST_CHECK int tern_der_read_sequence(tern_reader *r, tern_reader *sub);
TERN_MUST_CHECK int tern_der_read_set(tern_reader *r, tern_reader *sub);

/* [n] EXPLICIT: a constructed context tag n (0..30) holding exactly one
 * element, whose identifier octet must be inner_tag; *inner is that
 * element. */
TERN_MUST_CHECK int tern_der_read_explicit(tern_reader *r, unsigned n, uint8_t inner_tag,
                                           tern_der_elem *inner);

/* [n] EXPLICIT ... OPTIONAL: as tern_der_read_explicit() when the next
 * identifier octet is [n] constructed, else *present = 0 and TERN_OK. */
TERN_MUST_CHECK int tern_der_read_explicit_optional(tern_reader *r, unsigned n, uint8_t inner_tag,
                                                    tern_der_elem *inner, int *present);

/* TERN_OK if the reader is empty, TERN_ERR_ASN1 if anything is left
 * (rule S1). */
TERN_MUST_CHECK int tern_der_end(const tern_reader *r);

/* ---- INTEGER, ENUMERATED, BOOLEAN, NULL ------------------------------- */

/* Checks INTEGER / ENUMERATED contents (minimal two's complement). */
TERN_MUST_CHECK int tern_der_decode_integer(const tern_der_elem *e);

/* Reads an INTEGER of any sign and size; e->val / e->len is the two's
 * complement encoding. */
TERN_MUST_CHECK int tern_der_read_integer(tern_reader *r, tern_der_elem *e);

/* 1 if the (checked) INTEGER element is negative. */
int tern_der_int_is_negative(const tern_der_elem *e);

/* The magnitude of a non-negative INTEGER element, big-endian, with the
 * sign octet (leading 0x00) stripped: 0 gives *mag_len == 0 (*mag points
 * just past the contents). TERN_ERR_ASN1 for a negative or malformed
 * integer. */
TERN_MUST_CHECK int tern_der_int_magnitude(const tern_der_elem *e, const uint8_t **mag,
                                           size_t *mag_len);

/* Reads a non-negative INTEGER and gives its magnitude as above. */
TERN_MUST_CHECK int tern_der_read_uint(tern_reader *r, const uint8_t **mag, size_t *mag_len);

/* Reads a positive (> 0) INTEGER; *mag_len >= 1 and mag[0] != 0. Zero and
 * negative values are TERN_ERR_ASN1. */
TERN_MUST_CHECK int tern_der_read_uint_positive(tern_reader *r, const uint8_t **mag,
                                                size_t *mag_len);

/* The value of an INTEGER / ENUMERATED element as int64_t. TERN_ERR_ASN1
 * if malformed or outside the int64_t range. */
TERN_MUST_CHECK int tern_der_int_to_i64(const tern_der_elem *e, int64_t *v);

/* Reads an INTEGER that fits in int64_t. */
TERN_MUST_CHECK int tern_der_read_int64(tern_reader *r, int64_t *v);

/* Reads an ENUMERATED that fits in int64_t. */
TERN_MUST_CHECK int tern_der_read_enumerated(tern_reader *r, int64_t *v);

/* BOOLEAN contents: *v = 0 (0x00) or 1 (0xFF). */
TERN_MUST_CHECK int tern_der_decode_boolean(const tern_der_elem *e, int *v);
TERN_MUST_CHECK int tern_der_read_boolean(tern_reader *r, int *v);

/* Reads a NULL (empty contents). */
TERN_MUST_CHECK int tern_der_read_null(tern_reader *r);

/* ---- OBJECT IDENTIFIER ------------------------------------------------ */

/* Checks OBJECT IDENTIFIER contents (base-128 rules above). */
TERN_MUST_CHECK int tern_der_decode_oid(const tern_der_elem *e);

/* Reads an OBJECT IDENTIFIER; e->val / e->len are its contents octets,
 * which compare directly with the constants in oid_internal.h. */
TERN_MUST_CHECK int tern_der_read_oid(tern_reader *r, tern_der_elem *e);

/* 1 if the element's contents equal the len octets at oid, else 0. */
int tern_der_oid_eq(const tern_der_elem *e, const uint8_t *oid, size_t len);

/* Compares with an OID constant from oid_internal.h (a string literal). */
#define TERN_DER_OID_IS(e, OID) tern_der_oid_eq((e), (const uint8_t *)(OID), sizeof(OID) - 1u)

/* ---- BIT STRING, OCTET STRING ------------------------------------------ */

typedef struct tern_der_bits {
    const uint8_t *bytes; /* the bits, first bit = MSB of bytes[0] */
    size_t len;           /* octets at bytes (0 for an empty string) */
    uint8_t unused;       /* unused (zero) bits in the last octet, 0..7 */
} tern_der_bits;

/* Checks BIT STRING contents and splits them. */
TERN_MUST_CHECK int tern_der_decode_bit_string(const tern_der_elem *e, tern_der_bits *b);
TERN_MUST_CHECK int tern_der_read_bit_string(tern_reader *r, tern_der_bits *b);

/* Reads a BIT STRING that holds whole octets (unused bits 0), as the
 * subjectPublicKey and signature fields do; TERN_ERR_ASN1 otherwise. */
TERN_MUST_CHECK int tern_der_read_bit_string_octets(tern_reader *r, const uint8_t **p, size_t *len);

/* A named bit list (KeyUsage, ...) as a mask: bit i of the list (bit 0 =
 * MSB of the first octet) is (1u << i). At most 32 bits; the DER rule that
 * trailing zero bits are removed (X.690 11.2.2) is enforced. */
TERN_MUST_CHECK int tern_der_bits_named(const tern_der_bits *b, uint32_t *mask);

/* Reads an OCTET STRING. */
TERN_MUST_CHECK int tern_der_read_octet_string(tern_reader *r, const uint8_t **p, size_t *len);

/* ---- character strings ---------------------------------------------------- */

/* 1 if tag is one of the string types above (UTF8, Numeric, Printable,
 * T61, IA5, Visible, Universal, BMP), else 0. */
int tern_der_is_string_tag(uint8_t tag);

/* Checks len octets at p against the rules of the universal string type
 * `string_tag` (for IMPLICIT-tagged strings, e.g. [2] IA5String). Unknown
 * string types are TERN_ERR_ASN1. */
TERN_MUST_CHECK int tern_der_check_string(uint8_t string_tag, const uint8_t *p, size_t len);

/* Reads any string type and checks it; e->tag tells which type it is. */
TERN_MUST_CHECK int tern_der_read_string(tern_reader *r, tern_der_elem *e);

/* ---- UTCTime, GeneralizedTime -------------------------------------------- */

/* Contents of a UTCTime / GeneralizedTime to seconds since
 * 1970-01-01T00:00:00Z (negative before 1970). */
TERN_MUST_CHECK int tern_der_decode_utc_time(const uint8_t *p, size_t len, int64_t *t);
TERN_MUST_CHECK int tern_der_decode_generalized_time(const uint8_t *p, size_t len, int64_t *t);

/* Reads a UTCTime or a GeneralizedTime (the X.509 Time CHOICE). */
TERN_MUST_CHECK int tern_der_read_time(tern_reader *r, int64_t *t);

/* Seconds since the epoch of a proleptic Gregorian UTC date and time;
 * fields must already be in range (year 0..9999). */
int64_t tern_der_civil_to_time(unsigned year, unsigned month, unsigned day, unsigned hour,
                               unsigned minute, unsigned second);

#endif /* TERN_ASN1_INTERNAL_H */
