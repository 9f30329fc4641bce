"""Small real PDF files for import tests: with text, without text, encrypted, damaged."""

from __future__ import annotations

import io


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(lines: list[str], title: str = "", author: str = "") -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica, WinAnsi)."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        f"({_escape(line)}) Tj T*" for line in lines) + " ET"
    stream_bytes = stream.encode("cp1252")
    info = []
    if title:
        info.append(f"/Title ({_escape(title)})")
    if author:
        info.append(f"/Author ({_escape(author)})")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream_bytes)).encode() + b" >>\nstream\n" + stream_bytes
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ("<< " + " ".join(info) + " >>").encode("cp1252"),
    ]
    return pdf_bytes(objects, info_id=6)


def pdf_bytes(objects: list[bytes], info_id: int | None = None) -> bytes:
    """A PDF file holding `objects` (numbered from 1; the first is the catalog), with a
    cross-reference table and, with `info_id`, that object as its /Info dictionary."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"/Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info_id} 0 R" if info_id
                                                          else "")
    out.write(f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def blank_pdf() -> bytes:
    """A PDF with one empty page: no text layer at all (like a scan)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(lines: list[str], user_password: str = "secret") -> bytes:
    """A text PDF that needs `user_password` to open (RC4, no crypto library needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(lines))))
    writer.encrypt(user_password=user_password, owner_password="owner",
                   algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
