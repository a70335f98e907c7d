/** Keeps a failing panel from blanking the app: shows what broke and a way to try again. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What this boundary guards, for the message ("the results list"). */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`ASTRA: ${this.props.area} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-panel" role="alert" data-testid="error-boundary">
        <strong>Something went wrong in {this.props.area}.</strong>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
