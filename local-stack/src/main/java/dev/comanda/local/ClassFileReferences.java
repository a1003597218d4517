package dev.comanda.local;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads which methods of one class a compiled class calls, from its constant pool. The lockEvents
 * workaround uses it to confirm that the service still calls only the {@code LinkedList} methods the
 * replacement implements, so an upstream change turns the workaround off instead of breaking the service.
 */
final class ClassFileReferences {

    private ClassFileReferences() {}

    /**
     * The {@code name:descriptor} of every method of {@code owner} (internal form, e.g.
     * {@code java/util/LinkedList}) that the class file references.
     */
    static Set<String> methodsCalledOn(Class<?> type, String owner) throws IOException {
        var resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (var stream = type.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IOException("class file of " + type.getName() + " not readable");
            }
            return methodsCalledOn(stream.readAllBytes(), owner);
        }
    }

    static Set<String> methodsCalledOn(byte[] classFile, String owner) throws IOException {
        var in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int size = in.readUnsignedShort();
        var utf8 = new String[size];
        var classNameIndex = new int[size];
        var refClass = new int[size];
        var refNameAndType = new int[size];
        var natName = new int[size];
        var natType = new int[size];
        for (int i = 1; i < size; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 10, 11 -> {
                    refClass[i] = in.readUnsignedShort();
                    refNameAndType[i] = in.readUnsignedShort();
                }
                case 12 -> {
                    natName[i] = in.readUnsignedShort();
                    natType[i] = in.readUnsignedShort();
                }
                case 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // long and double take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        var methods = new HashSet<String>();
        for (int i = 1; i < size; i++) {
            if (refClass[i] != 0 && owner.equals(utf8[classNameIndex[refClass[i]]])) {
                int nat = refNameAndType[i];
                methods.add(utf8[natName[nat]] + ':' + utf8[natType[nat]]);
            }
        }
        return methods;
    }
}
