// Command pulumi-language-nodejs (as installed by scripts/setup-engine.sh) fronts the Node language host
// built from sdk/v3 v3.68.0, the last sdk/v3 release that still contains it. That host answers
// RunPlugin with "not supported", while the 3.248 engine runs every Node policy pack through
// RunPlugin (it only falls back to a separate analyzer launcher when no Node language host exists).
//
// This front starts the real host (langhost/pulumi-language-nodejs next to this binary) with the
// same arguments, relays every gRPC call to it byte for byte, and answers RunPlugin itself for
// kind "analyzer": it starts @pulumi/pulumi's cmd/run-policy-pack, resolved from the pack's own
// directory, with node, and streams its output back as the engine expects.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

const runPluginMethod = "/pulumirpc.LanguageRuntime/RunPlugin"

// frame is the raw codec's message: gRPC frames pass through undecoded.
type frame struct{ data []byte }

type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) {
	f, ok := v.(*frame)
	if !ok {
		return nil, fmt.Errorf("raw codec cannot marshal %T", v)
	}
	return f.data, nil
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	f, ok := v.(*frame)
	if !ok {
		return fmt.Errorf("raw codec cannot unmarshal into %T", v)
	}
	f.data = append([]byte(nil), data...)
	return nil
}

// Name is "proto" so that the content type on the wire stays application/grpc+proto.
func (rawCodec) Name() string { return "proto" }

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs (policy front): %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	self, err = filepath.EvalSymlinks(self)
	if err != nil {
		return err
	}
	realHost := filepath.Join(filepath.Dir(self), "langhost", "pulumi-language-nodejs")

	host := exec.Command(realHost, os.Args[1:]...)
	host.Stderr = os.Stderr
	host.Stdin = os.Stdin
	// The engine stops plugins by killing their process group; this also covers a front killed alone.
	host.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	hostOut, err := host.StdoutPipe()
	if err != nil {
		return err
	}
	if err := host.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", realHost, err)
	}
	reader := bufio.NewReader(hostOut)
	portLine, err := reader.ReadString('\n')
	if err != nil {
		return fmt.Errorf("reading the language host's port: %w", err)
	}
	hostPort := strings.TrimSpace(portLine)
	go func() { _, _ = io.Copy(os.Stdout, reader) }()

	conn, err := grpc.NewClient("127.0.0.1:"+hostPort,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{}), grpc.MaxCallRecvMsgSize(1<<30), grpc.MaxCallSendMsgSize(1<<30)))
	if err != nil {
		return err
	}
	defer conn.Close()

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	server := grpc.NewServer(
		grpc.ForceServerCodec(rawCodec{}),
		grpc.MaxRecvMsgSize(1<<30), grpc.MaxSendMsgSize(1<<30),
		grpc.UnknownServiceHandler(func(_ any, stream grpc.ServerStream) error {
			method, _ := grpc.MethodFromServerStream(stream)
			if method == runPluginMethod {
				return runPlugin(stream)
			}
			return relay(stream, conn, method)
		}))
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)

	done := make(chan error, 1)
	go func() { done <- server.Serve(lis) }()
	go func() { done <- host.Wait() }()
	err = <-done
	server.Stop()
	if host.ProcessState == nil && host.Process != nil {
		_ = host.Process.Kill()
	}
	return err
}

// relay forwards one call of any shape (unary or streaming) to the real host and its answers back.
func relay(in grpc.ServerStream, conn *grpc.ClientConn, method string) error {
	ctx := in.Context()
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		ctx = metadata.NewOutgoingContext(ctx, md.Copy())
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}, method)
	if err != nil {
		return err
	}

	upstream := make(chan error, 1)
	go func() {
		for {
			f := &frame{}
			if err := in.RecvMsg(f); err != nil {
				if errors.Is(err, io.EOF) {
					upstream <- out.CloseSend()
				} else {
					upstream <- err
				}
				return
			}
			if err := out.SendMsg(f); err != nil {
				upstream <- err
				return
			}
		}
	}()

	headerSent := false
	for {
		f := &frame{}
		err := out.RecvMsg(f)
		if !headerSent {
			if md, herr := out.Header(); herr == nil {
				_ = in.SendHeader(md)
			}
			headerSent = true
		}
		if err != nil {
			in.SetTrailer(out.Trailer())
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := in.SendMsg(f); err != nil {
			return err
		}
		select {
		case uerr := <-upstream:
			if uerr != nil {
				return uerr
			}
			upstream = nil
		default:
		}
	}
}

// runPlugin starts a Node policy pack the way the engine's analyzer launcher did: node runs
// @pulumi/pulumi/cmd/run-policy-pack, resolved from the pack directory, with the engine address
// and the pack directory as its arguments, in the pack directory.
func runPlugin(stream grpc.ServerStream) error {
	f := &frame{}
	if err := stream.RecvMsg(f); err != nil {
		return err
	}
	req := &pulumirpc.RunPluginRequest{}
	if err := proto.Unmarshal(f.data, req); err != nil {
		return status.Errorf(codes.InvalidArgument, "decoding RunPlugin: %v", err)
	}
	if req.GetKind() != "analyzer" {
		return status.Errorf(codes.Unimplemented, "this Node language host runs only policy packs as plugins, not %q", req.GetKind())
	}
	packDir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		packDir = info.GetProgramDirectory()
	}

	resolve := exec.Command("node", "-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")
	resolve.Dir = packDir
	entry, err := resolve.Output()
	if err != nil {
		return status.Errorf(codes.FailedPrecondition,
			"it looks like the policy pack's dependencies are not installed: @pulumi/pulumi/cmd/run-policy-pack "+
				"cannot be resolved from %q; run npm install there", packDir)
	}

	args := append([]string{string(entry)}, req.GetArgs()...)
	args = append(args, packDir)
	cmd := exec.CommandContext(stream.Context(), "node", args...)
	cmd.Dir = packDir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}

	var sendMu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) error {
		data, err := proto.Marshal(resp)
		if err != nil {
			return err
		}
		sendMu.Lock()
		defer sendMu.Unlock()
		return stream.SendMsg(&frame{data: data})
	}
	var pipes sync.WaitGroup
	pump := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer pipes.Done()
		buf := make([]byte, 32*1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if serr := send(wrap(append([]byte(nil), buf[:n]...))); serr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
	pipes.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	pipes.Wait()

	code := int32(0)
	if err := cmd.Wait(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return err
		}
		code = int32(exitErr.ExitCode())
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}
