package io.quarry.node.identity;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * A node's Ed25519 key pair, kept in {@code <home>/identity.key} as a libp2p-encoded PrivateKey (so
 * a node restarted on the same store keeps its PeerId), and the PeerId derived from it.
 */
public final class NodeIdentity {
  public static final String FILE_NAME = "identity.key";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final byte[] rawPublicKey;
  private final PeerId peerId;

  private NodeIdentity(PrivateKey privateKey, PublicKey publicKey, byte[] rawPublicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.rawPublicKey = rawPublicKey;
    this.peerId = PeerId.ofEd25519(rawPublicKey);
  }

  /** Loads the identity kept in {@code home}, creating one the first time. */
  public static NodeIdentity loadOrCreate(Path home) {
    requireNonNull(home, "home is null");
    Path file = home.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(home);
        NodeIdentity created = generate();
        if (writeOnce(file, created.encoded())) {
          return created;
        }
      }
      return decode(file, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /** A fresh random identity. */
  public static NodeIdentity generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new NodeIdentity(
          pair.getPrivate(), pair.getPublic(), raw((EdECPublicKey) pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  public PeerId peerId() {
    return peerId;
  }

  /** The raw 32-byte public key. */
  public byte[] publicKey() {
    return rawPublicKey.clone();
  }

  /** An Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether {@code signature} is this identity's signature of {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether {@code signature} is the Ed25519 signature of {@code message} by {@code signer}. */
  public static boolean verify(PeerId signer, byte[] message, byte[] signature) {
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePublic(
                  new EdECPublicKeySpec(NamedParameterSpec.ED25519, point(signer.publicKey())));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  byte[] encoded() {
    byte[] seed =
        ((EdECPrivateKey) privateKey)
            .getBytes()
            .orElseThrow(() -> new IllegalStateException("private key has no seed"));
    return LibP2pKeys.encodePrivateKey(seed, rawPublicKey);
  }

  static NodeIdentity decode(Path file, byte[] bytes) {
    byte[] data = LibP2pKeys.decode(bytes, 64);
    if (data == null) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA, "Identity key " + file + " is not a libp2p Ed25519 private key");
    }
    byte[] seed = Arrays.copyOfRange(data, 0, 32);
    byte[] pub = Arrays.copyOfRange(data, 32, 64);
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      PrivateKey privateKey =
          factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      PublicKey publicKey =
          factory.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point(pub)));
      NodeIdentity identity = new NodeIdentity(privateKey, publicKey, pub);
      byte[] probe = "quarry identity check".getBytes(StandardCharsets.US_ASCII);
      if (!identity.verify(probe, identity.sign(probe))) {
        throw new QuarryException(
            ErrorCode.CORRUPT_DATA,
            "Identity key " + file + " holds a public key that does not match its seed");
      }
      return identity;
    } catch (GeneralSecurityException e) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA, "Identity key " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** The RFC 8032 encoding: y little-endian, the top bit of the last byte the parity of x. */
  private static byte[] raw(EdECPublicKey key) {
    EdECPoint point = key.getPoint();
    byte[] bigEndian = point.getY().toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < bigEndian.length && i < 32; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (point.isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  private static EdECPoint point(byte[] raw) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = raw[31 - i];
    }
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
  }

  /** Writes the key file atomically, readable by the owner only; false if another writer won. */
  private static boolean writeOnce(Path file, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), ".identity", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the directory's permissions protect the key.
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      try {
        Files.createLink(file, temp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
          return true;
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException ex) {
          return false;
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
