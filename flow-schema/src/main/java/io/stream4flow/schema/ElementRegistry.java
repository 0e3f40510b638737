package io.stream4flow.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The information-element registry: IANA and enterprise definitions in the libfds XML format
 * (one file per scope, as bundled under {@code io/stream4flow/schema/elements/}), plus any files a
 * user adds.
 *
 * <p>Lookups happen when a template is parsed, never per record: decoders resolve each template
 * field once and keep the {@link InformationElement}. Lookups are thread-safe.
 *
 * <p>Biflow (RFC 5103): a scope declared {@code <biflow mode="pen">N</biflow>} (IANA: 29305)
 * has its reverse elements under enterprise number N; a scope declared {@code <biflow
 * mode="split">B</biflow>} (CERT: 15) marks reverse elements by bit B of the element id (counted
 * from 1 at the least significant bit of the 16-bit field, so 15 is {@code 0x4000}).
 */
public final class ElementRegistry {
    /** PEN of the RFC 5103 reverse IANA elements. */
    public static final long IANA_REVERSE_PEN = 29305L;
    /** Pseudo-PEN of NetFlow v9 field types 128-32767 that IANA does not define ({@code netflow.xml}). */
    public static final long NETFLOW_PEN = 4294967294L;
    /** Pseudo-PEN of NetFlow v9 field types 32768-65535 ({@code netflowExtra.xml}, id = type - 32768). */
    public static final long NETFLOW_EXTRA_PEN = 4294967295L;

    private static final String[] BUNDLED = {
        "iana.xml", "netflow.xml", "netflowExtra.xml", "cert.xml", "cesnet.xml", "cisco.xml",
        "flowmon.xml", "muni.xml", "netscaler.xml", "vmware.xml",
    };
    private static final int MAX_UNKNOWN_CACHED = 65_536;

    private static volatile ElementRegistry bundled;

    private final Map<Long, InformationElement> byKey = new HashMap<>();
    private final Map<Long, Scope> scopes = new HashMap<>();
    private final Map<String, InformationElement> byName = new HashMap<>();
    private final Map<Long, InformationElement> unknown = new ConcurrentHashMap<>();
    private final InformationElement[] v9Scopes = new InformationElement[6];

    private record Scope(long pen, String name, String biflowMode, long biflowValue) { }

    private ElementRegistry() {
        v9Scopes[1] = scopeElement(1, "scopeSystem", DataType.UNSIGNED32);
        v9Scopes[2] = scopeElement(2, "scopeInterface", DataType.UNSIGNED32);
        v9Scopes[3] = scopeElement(3, "scopeLineCard", DataType.UNSIGNED32);
        v9Scopes[4] = scopeElement(4, "scopeNetflowCache", DataType.UNSIGNED32);
        v9Scopes[5] = scopeElement(5, "scopeTemplate", DataType.UNSIGNED32);
    }

    private static InformationElement scopeElement(int id, String name, DataType type) {
        return new InformationElement(NETFLOW_PEN, id, "netflow", name, type, false, true);
    }

    /** The registry of the bundled definition files, loaded once. */
    public static ElementRegistry bundled() {
        ElementRegistry r = bundled;
        if (r == null) {
            synchronized (ElementRegistry.class) {
                r = bundled;
                if (r == null) {
                    r = new ElementRegistry();
                    r.loadBundled();
                    bundled = r;
                }
            }
        }
        return r;
    }

    /**
     * The bundled definitions plus every {@code *.xml} file in {@code userDir} (later definitions
     * of the same element replace earlier ones).
     *
     * @throws IllegalArgumentException naming the file when a definition file cannot be read
     */
    public static ElementRegistry withUserDefinitions(Path userDir) {
        ElementRegistry r = new ElementRegistry();
        r.loadBundled();
        if (userDir != null && Files.isDirectory(userDir)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(userDir, "*.xml")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.sort(null);
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    r.load(in, f.toString());
                } catch (IOException e) {
                    throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
                }
            }
        }
        return r;
    }

    private void loadBundled() {
        for (String f : BUNDLED) {
            try (InputStream in = ElementRegistry.class.getResourceAsStream("elements/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("bundled definition file missing: " + f);
                }
                load(in, f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long key(long pen, int id) {
        return (pen << 16) | (id & 0xFFFF);
    }

    /** Reads one definition file; {@code source} names it in error messages. */
    void load(InputStream in, String source) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // report through the exception only; the default handler also prints to stderr
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            doc = b.parse(in);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException(source + ": not a definition file: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        Element scopeEl = child(root, "scope");
        if (scopeEl == null) {
            throw new IllegalArgumentException(source + ": no <scope> element");
        }
        long pen = parseLong(text(scopeEl, "pen"), source, "scope/pen");
        String scopeName = text(scopeEl, "name");
        if (scopeName == null || scopeName.isBlank()) {
            throw new IllegalArgumentException(source + ": scope/name is missing");
        }
        Element biflow = child(scopeEl, "biflow");
        String mode = biflow == null ? "none" : biflow.getAttribute("mode");
        long biflowValue = 0;
        if (biflow != null && !biflow.getTextContent().isBlank()) {
            biflowValue = parseLong(biflow.getTextContent(), source, "scope/biflow");
        }
        Scope scope = new Scope(pen, scopeName.trim(), mode, biflowValue);
        scopes.put(pen, scope);

        NodeList elements = root.getElementsByTagName("element");
        for (int i = 0; i < elements.getLength(); i++) {
            Element e = (Element) elements.item(i);
            String idText = text(e, "id");
            String name = text(e, "name");
            String type = text(e, "dataType");
            if (idText == null || name == null || type == null) {
                throw new IllegalArgumentException(source + ": element #" + (i + 1)
                        + " lacks id, name or dataType");
            }
            int id = (int) parseLong(idText, source, "element/id of " + name);
            DataType dt = DataType.fromXml(type);
            if (dt == null) {
                throw new IllegalArgumentException(source + ": element " + name
                        + " has unknown dataType '" + type.trim() + "'");
            }
            InformationElement ie = new InformationElement(pen, id, scope.name(), name.trim(), dt,
                    false, true);
            byKey.put(key(pen, id), ie);
            byName.put(ie.key(), ie);
            if ("pen".equals(mode) && biflowValue > 0) {
                InformationElement rev = new InformationElement(biflowValue, id, scope.name(),
                        name.trim(), dt, true, true);
                byKey.put(key(biflowValue, id), rev);
                byName.put(rev.key(), rev);
            } else if ("split".equals(mode) && biflowValue > 0) {
                int bit = 1 << (biflowValue - 1);
                if ((id & bit) == 0) {
                    InformationElement rev = new InformationElement(pen, id | bit, scope.name(),
                            name.trim(), dt, true, true);
                    byKey.putIfAbsent(key(pen, id | bit), rev);
                    byName.putIfAbsent(rev.key(), rev);
                }
            }
        }
    }

    /**
     * The element an IPFIX template names.
     *
     * @param pen enterprise number, 0 when the enterprise bit was clear
     * @param id element id with the enterprise bit removed
     * @return the defined element, or an element keyed {@code en<PEN>:id<ID>} of type {@link
     *     DataType#UNKNOWN} (never null)
     */
    public InformationElement ipfix(long pen, int id) {
        InformationElement ie = byKey.get(key(pen, id));
        return ie != null ? ie : unknown(pen, id);
    }

    /**
     * The element a NetFlow v9 field type names: the IANA element of that number when IANA defines
     * it, else the {@code netflow} (types below 32768) or {@code netflowExtra} (32768 and up)
     * definition, else an unknown element {@code en0:id<type>}.
     */
    public InformationElement netflowV9(int type) {
        InformationElement ie = byKey.get(key(0, type));
        if (ie != null) {
            return ie;
        }
        ie = type < 32768 ? byKey.get(key(NETFLOW_PEN, type)) : byKey.get(key(NETFLOW_EXTRA_PEN, type - 32768));
        return ie != null ? ie : unknown(0, type);
    }

    /**
     * The element of a NetFlow v9 options scope field (RFC 3954 section 6.1): 1 System, 2 Interface,
     * 3 Line Card, 4 NetFlow Cache, 5 Template, keyed {@code netflow:scopeSystem} and so on; other
     * scope types as unknown elements {@code en0:id<type>}.
     */
    public InformationElement netflowV9Scope(int type) {
        if (type >= 1 && type <= 5) {
            return v9Scopes[type];
        }
        return unknown(0, type);
    }

    /** An element by its JSON key ({@code iana:octetDeltaCount}), or null. */
    public InformationElement byKey(String jsonKey) {
        return byName.get(jsonKey);
    }

    /** Scope name of an enterprise number, or null when no definition file declares it. */
    public String scopeName(long pen) {
        Scope s = scopes.get(pen);
        return s == null ? null : s.name();
    }

    /** Number of defined elements, reverse ones included. */
    public int size() {
        return byKey.size();
    }

    private InformationElement unknown(long pen, int id) {
        long k = key(pen, id);
        InformationElement ie = unknown.get(k);
        if (ie == null) {
            ie = InformationElement.unknown(pen, id);
            if (unknown.size() < MAX_UNKNOWN_CACHED) {
                InformationElement prev = unknown.putIfAbsent(k, ie);
                if (prev != null) {
                    ie = prev;
                }
            }
        }
        return ie;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent();
    }

    private static long parseLong(String s, String source, String what) {
        try {
            return Long.parseLong(s.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": " + what + " is not a number: '" + s + "'");
        }
    }
}
