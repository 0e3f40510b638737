package io.stream4flow.collector.live;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side (pooled buffers; Netty's JFR events are turned off by {@link Collector}): UDP listeners
 * (native epoll with SO_REUSEPORT, one socket per reader thread and up to {@code udp.batch} datagrams per
 * {@code recvmmsg} call where available, NIO with one datagram per read otherwise) and IPFIX-over-TCP
 * listeners (RFC 7011 section 10.4: messages back to back in the stream, framed by the message length).
 */
final class Listeners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup udpGroup;
    private final EventLoopGroup tcpGroup;
    private final List<Channel> channels = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final List<Integer> udpPorts = new ArrayList<>();
    private final Ingress ingress;
    private final int readers;
    /** Datagrams per read: recvmmsg into one buffer of this many largest datagrams (epoll), or 1. */
    private final int batch;

    /** With {@link #batch} above 1: the largest datagram a read takes whole. */
    private final int maxDatagram;

    Listeners(Ingress ingress, int readers, int batch, int maxDatagram) {
        this.ingress = ingress;
        this.readers = epoll ? readers : 1;
        this.batch = epoll ? Math.max(1, batch) : 1;
        this.maxDatagram = this.batch > 1 ? maxDatagram : Ingress.MAX_MESSAGE;
        IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        udpGroup = new MultiThreadIoEventLoopGroup(this.readers, new DefaultThreadFactory("s4f-udp", true), f);
        tcpGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("s4f-tcp", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    boolean nativeTransport() {
        return epoll;
    }

    List<InetSocketAddress> bound() {
        return bound;
    }

    List<Integer> udpPorts() {
        return udpPorts;
    }

    void bind(URI listener, int receiveBuffer) throws IOException {
        String scheme = listener.getScheme();
        InetSocketAddress addr = new InetSocketAddress(listener.getHost(), listener.getPort());
        try {
            if ("udp".equals(scheme)) {
                bindUdp(addr, receiveBuffer);
            } else if ("tcp".equals(scheme)) {
                bindTcp(addr);
            } else {
                throw new IllegalArgumentException("listener '" + listener + "' is not udp:// or tcp://");
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot listen on " + listener + ": " + e.getMessage(), e);
        }
    }

    private void bindUdp(InetSocketAddress addr, int receiveBuffer) throws IOException {
        Bootstrap b = new Bootstrap().group(udpGroup)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, receiveBuffer)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(batch > 1
                        ? batch * (maxDatagram + 1) : Ingress.MAX_MESSAGE + 1))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new UdpHandler(ingress, maxDatagram));
        if (epoll) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
            if (batch > 1) {
                // recvmmsg: each datagram gets a slot one byte larger than the largest taken whole, so a
                // datagram that fills its slot was cut by the kernel
                b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram + 1);
            }
        }
        InetSocketAddress target = addr;
        for (int i = 0; i < readers; i++) {
            Channel ch = b.bind(target).syncUninterruptibly().channel();
            channels.add(ch);
            if (i == 0) {
                target = (InetSocketAddress) ch.localAddress();
                bound.add(new InetSocketAddress(addr.getAddress(), target.getPort()));
                udpPorts.add(target.getPort());
                int got = ch.config().getOption(ChannelOption.SO_RCVBUF);
                if (got < receiveBuffer) {
                    LOG.warn("UDP receive buffer on {} is {} bytes, not the {} asked for: the kernel caps it; "
                            + "raise it with: sysctl -w net.core.rmem_max={}", target, got, receiveBuffer, receiveBuffer);
                }
            }
        }
    }

    private void bindTcp(InetSocketAddress addr) {
        ServerBootstrap b = new ServerBootstrap().group(tcpGroup)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65_535, 2, 2, -4, 0),
                                new TcpMessageHandler(ingress));
                    }
                });
        Channel ch = b.bind(addr).syncUninterruptibly().channel();
        channels.add(ch);
        bound.add((InetSocketAddress) ch.localAddress());
    }

    /** Stops reading: closes every socket and stops the reader threads. */
    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        udpGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        tcpGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @ChannelHandler.Sharable
    static final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Ingress ingress;
        private final ThreadLocal<Ingress.Scratch> scratch = ThreadLocal.withInitial(Ingress.Scratch::new);
        private final int maxDatagram;

        UdpHandler(Ingress ingress, int maxDatagram) {
            this.ingress = ingress;
            this.maxDatagram = maxDatagram;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (p.content().readableBytes() > maxDatagram) {
                ingress.stats.truncated.increment();
                return;
            }
            InetSocketAddress sender = p.sender();
            byte[] a = Ingress.address(sender, scratch.get());
            ingress.offerDatagram(a, sender.getPort(), p.content(), System.currentTimeMillis());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("UDP read error on {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }

    /** One per TCP connection. */
    static final class TcpMessageHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Ingress ingress;
        private final Ingress.Scratch scratch = new Ingress.Scratch();
        private byte[] address;
        private int port;

        TcpMessageHandler(Ingress ingress) {
            this.ingress = ingress;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            address = Ingress.address(remote, scratch).clone();
            port = remote.getPort();
            if (!ingress.allowed(address)) {
                ingress.stats.notAllowed.increment();
                ctx.close();
                return;
            }
            ingress.stats.tcpConnections.increment();
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            ingress.putMessage(address, port, msg, System.currentTimeMillis());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ingress.stats.tcpFramingErrors.increment();
            ctx.close();
        }
    }
}
