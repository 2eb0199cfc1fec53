package org.htscreen.report.goaml;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An indented XML document written with the JDK's {@link XMLStreamWriter}, which escapes every text; values are
 * cleaned of characters XML cannot carry and cut to the element's maximum length ({@link XmlText}).
 */
final class XmlOut implements AutoCloseable {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final XMLStreamWriter w;
    private int depth;

    XmlOut(OutputStream out) {
        try {
            w = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        } catch (XMLStreamException e) {
            throw new ReportException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** Opens an element that holds other elements. */
    XmlOut start(String name) {
        try {
            indent();
            w.writeStartElement(name);
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw new ReportException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** Closes the innermost element opened by {@link #start}. */
    XmlOut end() {
        try {
            depth--;
            indent();
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new ReportException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** An element with text, cut to {@code max} characters; nothing when the text is null. */
    XmlOut text(String name, String value, int max) {
        String v = XmlText.fit(value, max);
        if (v == null) {
            return this;
        }
        try {
            indent();
            w.writeStartElement(name);
            w.writeCharacters(v);
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new ReportException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** A code or number element (no length limit beyond the code's own). */
    XmlOut code(String name, String value) {
        return text(name, value, Integer.MAX_VALUE);
    }

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    @Override
    public void close() {
        try {
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new ReportException("cannot write XML: " + e.getMessage(), e);
        }
    }
}
